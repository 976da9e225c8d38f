using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Ingestion;

namespace Dorset.Telehealth.Cloud.Storage;

/// <summary>Reading ingestion (<see cref="ICloudIngestion"/>): idempotent batch inserts and attribution to the patient whose unit assignment covers each reading.</summary>
public abstract partial class SqlCloudStore
{
    /// <inheritdoc/>
    public async Task<IngestResult> IngestAsync(GatewayIdentity gateway, IReadOnlyList<BatchReading> readings, CancellationToken cancel = default)
    {
        var rejected = new Dictionary<string, string>(StringComparer.Ordinal);
        var accepted = new HashSet<string>(StringComparer.Ordinal);
        var duplicate = new HashSet<string>(StringComparer.Ordinal);
        int unassigned = 0;
        int queued = 0;
        await WriteAsync(async (c, t) =>
        {
            var units = readings.Select(r => r.UnitId).Distinct(StringComparer.Ordinal).ToList();
            Dictionary<string, string> hubs = await UnitHubsAsync(c, t, units, cancel);
            Dictionary<string, List<(long Id, string Nhs, DateTimeOffset From, DateTimeOffset? To)>> assignments = await AssignmentsAsync(c, t, units, cancel);

            var rows = new List<ReadingRow>(readings.Count);
            DateTimeOffset now = DateTimeOffset.UtcNow;
            foreach (BatchReading reading in readings)
            {
                if (hubs.TryGetValue(reading.UnitId, out string? unitHub) && unitHub != gateway.Hub)
                {
                    rejected[reading.Key] = $"unit-of-another-hub: unit {reading.UnitId} belongs to hub {unitHub}, not {gateway.Hub}";
                    continue;
                }

                // Another household member's weight is kept, unassigned, like a reading of a unit with no patient.
                (long Id, string Nhs)? owner = reading.HasFlag(BatchReading.OtherUserFlag) ? null : OwnerAt(assignments, reading.UnitId, reading.AttributionTime);

                rows.Add(new ReadingRow(reading, reading.ContentHash(), gateway, owner?.Nhs, owner?.Id, now));
            }

            if (rows.Count == 0)
            {
                return 0;
            }

            HashSet<string> inserted = await InsertNewAsync(c, t, rows, cancel);
            var existing = rows.Where(r => !inserted.Contains(r.Reading.Key)).ToList();
            Dictionary<string, string> stored = await StoredHashesAsync(c, t, existing.Select(r => r.Reading.Key).ToList(), cancel);
            foreach (ReadingRow row in rows)
            {
                if (inserted.Contains(row.Reading.Key))
                {
                    accepted.Add(row.Reading.Key);
                    unassigned += row.PatientNhs == null ? 1 : 0;
                }
                else if (stored.TryGetValue(row.Reading.Key, out string? hash) && hash == row.ContentHash)
                {
                    duplicate.Add(row.Reading.Key);
                }
                else
                {
                    rejected[row.Reading.Key] = "key-conflict: a different reading is already stored under this key; the stored one is kept";
                }
            }

            // In this transaction: a reading is never stored without its notifications, nor they without it.
            queued = await QueueTopicEventsAsync(c, t, rows.Where(r => r.PatientNhs != null && inserted.Contains(r.Reading.Key)).Select(ObservationEvent).ToList(), now, cancel);
            return 0;
        }, cancel);
        AnnounceQueued(queued);

        var result = new IngestResult(new List<string>(), new List<string>(), new List<Rejection>(), unassigned);
        foreach (BatchReading reading in readings)
        {
            if (accepted.Contains(reading.Key))
            {
                ((List<string>)result.Accepted).Add(reading.Key);
            }
            else if (duplicate.Contains(reading.Key))
            {
                ((List<string>)result.Duplicate).Add(reading.Key);
            }
            else
            {
                ((List<Rejection>)result.Rejected).Add(new Rejection(reading.Key, rejected[reading.Key]));
            }
        }

        return result;
    }

    /// <inheritdoc/>
    public async Task<(long Total, long Unassigned)> CountReadingsAsync(CancellationToken cancel = default)
    {
        await using DbConnection c = await OpenAsync(cancel);
        long total = await ScalarAsync(c, null, "SELECT count(*) FROM readings", cancel);
        long unassigned = await ScalarAsync(c, null, "SELECT count(*) FROM readings WHERE patient_nhs IS NULL", cancel);
        return (total, unassigned);
    }

    /// <summary>The new-Observation topic's event of an attributed reading: its Observation, and its pulse Observation as context.</summary>
    private static TopicEvent ObservationEvent(ReadingRow row) => new(Subscriptions.SubscriptionTopics.NewObservation, row.PatientNhs!, row.Gateway.Hub,
        "Observation", row.FhirId, HasPulse(row.Reading) ? row.FhirId + Fhir.FhirCodes.PulseIdSuffix : null);

    private static async Task<Dictionary<string, string>> UnitHubsAsync(DbConnection c, DbTransaction t, IReadOnlyList<string> units, CancellationToken cancel)
    {
        var (inSql, parameters) = InList("unit_id", units);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        await using DbCommand cmd = Command(c, t, $"SELECT unit_id, hub FROM units WHERE {inSql}", parameters);
        await using DbDataReader r = await cmd.ExecuteReaderAsync(cancel);
        while (await r.ReadAsync(cancel))
        {
            result[r.GetString(0)] = r.GetString(1);
        }

        return result;
    }

    private async Task<Dictionary<string, List<(long Id, string Nhs, DateTimeOffset From, DateTimeOffset? To)>>> AssignmentsAsync(
        DbConnection c, DbTransaction t, IReadOnlyList<string> units, CancellationToken cancel)
    {
        var (inSql, parameters) = InList("unit_id", units);
        var result = new Dictionary<string, List<(long Id, string Nhs, DateTimeOffset From, DateTimeOffset? To)>>(StringComparer.Ordinal);
        await using DbCommand cmd = Command(c, t, $"SELECT unit_id, id, nhs_number, valid_from, valid_to FROM unit_assignments WHERE {inSql}", parameters);
        await using DbDataReader r = await cmd.ExecuteReaderAsync(cancel);
        while (await r.ReadAsync(cancel))
        {
            string unit = r.GetString(0);
            if (!result.TryGetValue(unit, out var list))
            {
                result[unit] = list = new List<(long Id, string Nhs, DateTimeOffset From, DateTimeOffset? To)>();
            }

            list.Add((Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture), r.GetString(2), ReadTime(r, 3), r.IsDBNull(4) ? null : ReadTime(r, 4)));
        }

        return result;
    }

    /// <summary>The assignment (and its patient) of <paramref name="unitId"/> that covers <paramref name="at"/>, or null.</summary>
    private static (long Id, string Nhs)? OwnerAt(Dictionary<string, List<(long Id, string Nhs, DateTimeOffset From, DateTimeOffset? To)>> assignments, string unitId, DateTimeOffset at)
    {
        if (assignments.TryGetValue(unitId, out var periods))
        {
            foreach (var p in periods)
            {
                if (at >= p.From && (!p.To.HasValue || at < p.To.Value))
                {
                    return (p.Id, p.Nhs);
                }
            }
        }

        return null;
    }

    private static async Task<Dictionary<string, string>> StoredHashesAsync(DbConnection c, DbTransaction t, IReadOnlyList<string> keys, CancellationToken cancel)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return result;
        }

        var (inSql, parameters) = InList("reading_key", keys);
        await using DbCommand cmd = Command(c, t, $"SELECT reading_key, content_hash FROM readings WHERE {inSql}", parameters);
        await using DbDataReader r = await cmd.ExecuteReaderAsync(cancel);
        while (await r.ReadAsync(cancel))
        {
            result[r.GetString(0)] = r.GetString(1);
        }

        return result;
    }
}
