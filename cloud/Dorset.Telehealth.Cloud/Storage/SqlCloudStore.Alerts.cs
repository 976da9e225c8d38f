using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Ingestion;

namespace Dorset.Telehealth.Cloud.Storage;

/// <summary>
/// Clinical alerts: every revision is a row, unique on (alert_id, revision), so two replicas storing the same revision
/// store it once; the current view of an alert is its highest revision. Plain SQL both databases accept (alerts are
/// a few a day per patient, so a row-by-row insert is enough and there is no COPY path).
/// </summary>
public abstract partial class SqlCloudStore
{
    /// <summary>Alert columns in the order the insert uses.</summary>
    private const string AlertColumns =
        "alert_id, revision, content_hash, gateway_id, hub, unit_id, rule_id, level, state, is_score, first_breach_at, " +
        "last_breach_at, alert_json, patient_nhs, assignment_id, stored_at";

    /// <summary>The columns <see cref="ReadAlert"/> reads, in its order.</summary>
    private const string StoredAlertColumns = "id, alert_json, gateway_id, hub, patient_nhs, stored_at";

    /// <summary>Selects the current (highest) revision of each alert, for a table aliased `a`.</summary>
    private const string CurrentRevision = "a.revision = (SELECT max(b.revision) FROM alerts b WHERE b.alert_id = a.alert_id)";

    /// <inheritdoc/>
    public async Task<AlertIngestResult> IngestAlertsAsync(GatewayIdentity gateway, IReadOnlyList<BatchAlert> alerts, CancellationToken cancel = default)
    {
        var outcomes = new Dictionary<string, (string List, string? Reason)>(StringComparer.Ordinal);
        int unassigned = 0;
        int queued = 0;
        await WriteAsync(async (c, t) =>
        {
            var events = new List<TopicEvent>();
            var units = alerts.Select(a => a.UnitId).Distinct(StringComparer.Ordinal).ToList();
            Dictionary<string, string> hubs = await UnitHubsAsync(c, t, units, cancel);
            var assignments = await AssignmentsAsync(c, t, units, cancel);
            var ids = alerts.Select(a => a.AlertId).Distinct(StringComparer.Ordinal).ToList();
            (Dictionary<string, string> hashes, Dictionary<string, string> senders) = await StoredAlertsAsync(c, t, ids, cancel);
            DateTimeOffset now = DateTimeOffset.UtcNow;
            foreach (BatchAlert alert in alerts)
            {
                string? reason = null;
                if (hubs.TryGetValue(alert.UnitId, out string? unitHub) && unitHub != gateway.Hub)
                {
                    reason = $"unit-of-another-hub: unit {alert.UnitId} belongs to hub {unitHub}, not {gateway.Hub}";
                }
                else if (senders.TryGetValue(alert.AlertId, out string? sender) && sender != gateway.Id)
                {
                    // An alert is one gateway's episode: another gateway sending the same id is a fault, never a merge.
                    reason = $"alert-of-another-gateway: alert {alert.AlertId} was first received from gateway {sender}, not {gateway.Id}";
                }

                if (reason != null)
                {
                    outcomes[alert.Identity] = ("rejected", reason);
                    continue;
                }

                string hash = alert.ContentHash();
                (long Id, string Nhs)? owner = OwnerAt(assignments, alert.UnitId, alert.FirstBreachAt);
                if (!hashes.ContainsKey(alert.Identity) && await InsertAlertAsync(c, t, alert, hash, gateway, owner, now, cancel))
                {
                    outcomes[alert.Identity] = ("accepted", null);
                    unassigned += owner == null ? 1 : 0;
                    senders[alert.AlertId] = gateway.Id;
                    if (owner != null)
                    {
                        events.Add(AlertEvent(alert, owner.Value.Nhs, gateway.Hub));
                    }

                    continue;
                }

                // Stored before, by this request, an earlier one, or (when the insert found the row) another replica just now.
                string stored = hashes.TryGetValue(alert.Identity, out string? known) ? known
                    : await StoredAlertHashAsync(c, t, alert, cancel);
                outcomes[alert.Identity] = stored == hash
                    ? ("duplicate", null)
                    : ("rejected", "conflict: a different alert is already stored under this alertId and revision; the stored one is kept");
            }

            queued = await QueueTopicEventsAsync(c, t, events, now, cancel);
            return 0;
        }, cancel);
        AnnounceQueued(queued);

        var accepted = new List<string>();
        var duplicate = new List<string>();
        var rejected = new List<AlertRejection>();
        foreach (BatchAlert alert in alerts)
        {
            (string list, string? reason) = outcomes[alert.Identity];
            switch (list)
            {
                case "accepted": accepted.Add(alert.Identity); break;
                case "duplicate": duplicate.Add(alert.Identity); break;
                default: rejected.Add(new AlertRejection(alert.AlertId, alert.Revision, reason!)); break;
            }
        }

        return new AlertIngestResult(accepted, duplicate, rejected, unassigned);
    }

    /// <inheritdoc/>
    public async Task<StoredAlert?> GetCurrentAlertAsync(string alertId, CancellationToken cancel = default)
    {
        await using DbConnection c = await OpenAsync(cancel);
        await using DbCommand cmd = Command(c, null,
            $"SELECT {StoredAlertColumns} FROM alerts a WHERE a.alert_id = @id AND {CurrentRevision}", ("id", alertId));
        await using DbDataReader r = await cmd.ExecuteReaderAsync(cancel);
        return await r.ReadAsync(cancel) ? ReadAlert(r) : null;
    }

    /// <inheritdoc/>
    public async Task<AlertPage> SearchDetectedIssuesAsync(string patientNhs, int count, int offset, CancellationToken cancel = default)
    {
        // The patient of the current revision decides; partial NEWS2 alerts are Observations, not issues.
        string where = $"a.patient_nhs = @p AND a.is_score = @score AND {CurrentRevision}";
        await using DbConnection c = await OpenAsync(cancel);
        long total = await ScalarAsync(c, null, $"SELECT count(*) FROM alerts a WHERE {where}", cancel, ("p", patientNhs), ("score", false));
        var ids = new List<long>();
        await using (DbCommand cmd = Command(c, null, $"SELECT a.id FROM alerts a WHERE {where} ORDER BY a.id LIMIT @n OFFSET @o",
            ("p", patientNhs), ("score", false), ("n", count), ("o", offset)))
        await using (DbDataReader r = await cmd.ExecuteReaderAsync(cancel))
        {
            while (await r.ReadAsync(cancel))
            {
                ids.Add(Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture));
            }
        }

        Dictionary<long, StoredAlert> alerts = await LoadAlertsAsync(c, ids, cancel);
        return new AlertPage(ids.Select(id => alerts[id]).ToList(), (int)total);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, StoredReadingRef>> FindReadingsAsync(string patientNhs, IReadOnlyCollection<string> keys, CancellationToken cancel = default)
    {
        var result = new Dictionary<string, StoredReadingRef>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return result;
        }

        // Only the alert's own patient's readings: a key naming someone else's reading never becomes a reference to it.
        var (inSql, parameters) = InList("reading_key", keys.ToList());
        await using DbConnection c = await OpenAsync(cancel);
        await using DbCommand cmd = Command(c, null, $"SELECT reading_key, fhir_id, has_pulse FROM readings WHERE patient_nhs = @p AND {inSql}",
            parameters.Append(("p", (object?)patientNhs)).ToArray());
        await using DbDataReader r = await cmd.ExecuteReaderAsync(cancel);
        while (await r.ReadAsync(cancel))
        {
            result[r.GetString(0)] = new StoredReadingRef(r.GetString(1), Convert.ToBoolean(r.GetValue(2), CultureInfo.InvariantCulture));
        }

        return result;
    }

    /// <summary>The Observation-search branch of partial NEWS2 alerts: current revisions of the patient's, by last breach.</summary>
    private static string EarlyWarningScoreBranch(ObservationQuery query) =>
        $"SELECT a.id, {(int)ObservationPart.EarlyWarningScore} AS part, a.last_breach_at AS at FROM alerts a WHERE a.patient_nhs = @p AND a.is_score = @score AND {CurrentRevision}"
        + DateRange(query, "a.last_breach_at");

    /// <summary>The alert topic's event of a stored revision: its DetectedIssue, or for a partial NEWS2 its Observation.</summary>
    private static TopicEvent AlertEvent(BatchAlert alert, string patientNhs, string hub) => alert.Score != null
        ? new TopicEvent(Subscriptions.SubscriptionTopics.Alert, patientNhs, hub, "Observation", Fhir.AlertCodes.EarlyWarningScoreIdPrefix + alert.AlertId, null)
        : new TopicEvent(Subscriptions.SubscriptionTopics.Alert, patientNhs, hub, "DetectedIssue", alert.AlertId, null);

    private async Task<bool> InsertAlertAsync(DbConnection c, DbTransaction t, BatchAlert alert, string hash, GatewayIdentity gateway,
        (long Id, string Nhs)? owner, DateTimeOffset now, CancellationToken cancel)
    {
        object?[] values =
        {
            alert.AlertId, alert.Revision, hash, gateway.Id, gateway.Hub, alert.UnitId, alert.RuleId, alert.Level, alert.State,
            alert.Score != null, DbTime(alert.FirstBreachAt), DbTime(alert.LastBreachAt), alert.ToStoredJson(), owner?.Nhs, owner?.Id, DbTime(now),
        };
        var names = new StringBuilder();
        var parameters = new (string, object?)[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            string name = "c" + i.ToString(CultureInfo.InvariantCulture);
            names.Append(i == 0 ? "@" : ", @").Append(name);
            parameters[i] = (name, values[i]);
        }

        // The unique (alert_id, revision) decides between replicas: a row another replica committed first is not stored again.
        await using DbCommand cmd = Command(c, t,
            $"INSERT INTO alerts ({AlertColumns}) VALUES ({names}) ON CONFLICT (alert_id, revision) DO NOTHING RETURNING id", parameters);
        return await cmd.ExecuteScalarAsync(cancel) != null;
    }

    private static async Task<string> StoredAlertHashAsync(DbConnection c, DbTransaction t, BatchAlert alert, CancellationToken cancel) =>
        await StringAsync(c, t, "SELECT content_hash FROM alerts WHERE alert_id = @id AND revision = @r", cancel, ("id", alert.AlertId), ("r", alert.Revision))
        ?? throw new InvalidOperationException($"alert {alert.Identity} was neither inserted nor found");

    /// <summary>The stored hashes by alertId@revision, and the gateway that first sent each alert id.</summary>
    private static async Task<(Dictionary<string, string> Hashes, Dictionary<string, string> Senders)> StoredAlertsAsync(
        DbConnection c, DbTransaction t, IReadOnlyList<string> alertIds, CancellationToken cancel)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var senders = new Dictionary<string, string>(StringComparer.Ordinal);
        var (inSql, parameters) = InList("alert_id", alertIds);
        await using DbCommand cmd = Command(c, t, $"SELECT alert_id, revision, content_hash, gateway_id FROM alerts WHERE {inSql} ORDER BY id", parameters);
        await using DbDataReader r = await cmd.ExecuteReaderAsync(cancel);
        while (await r.ReadAsync(cancel))
        {
            string id = r.GetString(0);
            hashes[$"{id}@{Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)}"] = r.GetString(2);
            senders.TryAdd(id, r.GetString(3));
        }

        return (hashes, senders);
    }

    private static Task<Dictionary<long, StoredAlert>> LoadAlertsAsync(DbConnection c, IReadOnlyList<long> ids, CancellationToken cancel) =>
        LoadByIdAsync(c, $"SELECT {StoredAlertColumns} FROM alerts", ids, ReadAlert, cancel);

    private static StoredAlert ReadAlert(DbDataReader r) => new(
        Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture),
        BatchAlert.FromStoredJson(r.GetString(1)),
        r.GetString(2),
        r.GetString(3),
        r.IsDBNull(4) ? null : r.GetString(4),
        ReadTime(r, 5));
}
