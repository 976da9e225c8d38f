using System;
using System.Collections.Generic;
using System.Text.Json;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.Data.Sqlite;

namespace Dorset.Telehealth.Gateway.Alerts;

/// <summary>
/// Reads of the alerts table and the staff actions on it (acknowledge, silence), each audited in its own transaction.
/// The service and the CLI use it on the same file at once; rules write through <see cref="AlertWriter"/>.
/// </summary>
public sealed class AlertStore
{
    /// <summary>Alerts ordered for triage: unacknowledged first, then the most urgent, then the newest breach.</summary>
    private const string TriageOrder = """
         ORDER BY (acknowledged_utc IS NOT NULL), CASE level WHEN 'red-urgent' THEN 0 WHEN 'red' THEN 1 WHEN 'amber' THEN 2 ELSE 3 END, last_breach_utc DESC
        """;

    private const string SelectAlerts = """
        SELECT id, revision, rule_id, rule_version, episode_key, level, state, unit_id, patient_ref, summary, first_breach_utc,
            last_breach_utc, breach_count, worst_json, evidence_json, score_json, late_minutes, raised_utc, updated_utc,
            acknowledged_by, acknowledged_utc, acknowledged_note, resolved_utc, resolved_reason, silenced_by, silenced_utc
        FROM alerts
        """;

    // Red and red-urgent alerts that nobody has acknowledged: they keep the alert LED on.
    private const string UnacknowledgedRed = "level IN ('red', 'red-urgent') AND acknowledged_utc IS NULL";

    private readonly GatewayDatabase _database;

    /// <summary>Creates the store over <paramref name="database"/>.</summary>
    public AlertStore(GatewayDatabase database)
    {
        _database = database;
    }

    /// <summary>Alerts in triage order, filtered by state, patient and last change at or after <paramref name="since"/>.</summary>
    public IReadOnlyList<AlertRecord> List(string? state, string? patientRef, DateTimeOffset? since, int limit = 500)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = SelectAlerts + """
             WHERE ($state IS NULL OR state = $state) AND ($patient IS NULL OR patient_ref = $patient) AND ($since IS NULL OR updated_utc >= $since)
            """ + TriageOrder + " LIMIT $limit";
        command.Parameters.AddWithValue("$state", (object?)state ?? DBNull.Value);
        command.Parameters.AddWithValue("$patient", (object?)patientRef ?? DBNull.Value);
        command.Parameters.AddWithValue("$since", since.HasValue ? Timestamp.Format(since.Value) : DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        return ReadAll(command);
    }

    /// <summary>One alert, or null.</summary>
    public AlertRecord? Get(string id)
    {
        using var connection = _database.Open();
        return Get(connection, null, id);
    }

    /// <summary>
    /// Records who acknowledged <paramref name="id"/>, when, and their note; the first acknowledgement stands. A resolved
    /// alert stays resolved and gains the acknowledgement (that is what takes it off the attention list).
    /// </summary>
    public (AcknowledgeResult Result, AlertRecord? Alert) Acknowledge(string id, string by, string? note, DateTimeOffset nowUtc)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        AlertRecord? alert = Get(connection, transaction, id);
        if (alert == null)
        {
            return (AcknowledgeResult.NotFound, null);
        }

        if (alert.Acknowledged != null)
        {
            return (AcknowledgeResult.AlreadyAcknowledged, alert);
        }

        using (var update = connection.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = """
                UPDATE alerts SET revision = revision + 1, acknowledged_by = $by, acknowledged_utc = $now, acknowledged_note = $note,
                    state = CASE WHEN state = 'resolved' THEN 'resolved' ELSE 'acknowledged' END, updated_utc = $now
                WHERE id = $id
                """;
            update.Parameters.AddWithValue("$id", id);
            update.Parameters.AddWithValue("$by", by);
            update.Parameters.AddWithValue("$note", (object?)note ?? DBNull.Value);
            update.Parameters.AddWithValue("$now", Timestamp.Format(nowUtc));
            update.ExecuteNonQuery();
        }

        AuditLog.Write(connection, transaction, nowUtc, by, "alert.acknowledge", "alert:" + id, null,
            JsonSerializer.Serialize(new AlertAcknowledgement(by, nowUtc, note), AlertJson.Default.AlertAcknowledgement));
        transaction.Commit();
        return (AcknowledgeResult.Acknowledged, Get(id));
    }

    /// <summary>Silences the buzzer for every alert sounding now, recording who and when on each; the ids silenced.</summary>
    public IReadOnlyList<string> Silence(string by, DateTimeOffset nowUtc)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var ids = new List<string>();
        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT id FROM alerts WHERE " + Sounding;
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }
        }

        foreach (string id in ids)
        {
            using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE alerts SET revision = revision + 1, silenced_by = $by, silenced_utc = $now, updated_utc = $now WHERE id = $id";
            update.Parameters.AddWithValue("$id", id);
            update.Parameters.AddWithValue("$by", by);
            update.Parameters.AddWithValue("$now", Timestamp.Format(nowUtc));
            update.ExecuteNonQuery();
            AuditLog.Write(connection, transaction, nowUtc, by, "alert.silence", "alert:" + id, null, null);
        }

        transaction.Commit();
        return ids;
    }

    /// <summary>The front panel's state from the stored alerts.</summary>
    public PanelState Panel()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT EXISTS(SELECT 1 FROM alerts WHERE {UnacknowledgedRed}), EXISTS(SELECT 1 FROM alerts WHERE {Sounding})";
        using var reader = command.ExecuteReader();
        reader.Read();
        return new PanelState(reader.GetBoolean(0), reader.GetBoolean(1));
    }

    /// <summary>Alerts in state open (neither acknowledged nor resolved), by level, for /metrics: as `?state=open` counts them.</summary>
    public IReadOnlyDictionary<string, long> OpenByLevel()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT level, COUNT(*) FROM alerts WHERE state = 'open' GROUP BY level";
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    /// <summary>Alerts whose newest revision the cloud has not confirmed, oldest change first.</summary>
    public IReadOnlyList<AlertRecord> Unforwarded(int max)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = SelectAlerts + " WHERE revision > forwarded_revision ORDER BY updated_utc LIMIT $limit";
        command.Parameters.AddWithValue("$limit", max);
        return ReadAll(command);
    }

    /// <summary>The cloud confirmed <paramref name="revision"/> of <paramref name="id"/> (a later revision still waits).</summary>
    public void MarkForwarded(string id, int revision)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE alerts SET forwarded_revision = MAX(forwarded_revision, $revision) WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$revision", revision);
        command.ExecuteNonQuery();
    }

    // Unacknowledged red alerts that are current and not silenced: they sound the buzzer. A late one lights the LED only.
    private const string Sounding = UnacknowledgedRed + " AND silenced_utc IS NULL AND late_minutes IS NULL";

    private static AlertRecord? Get(SqliteConnection connection, SqliteTransaction? transaction, string id)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SelectAlerts + " WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        IReadOnlyList<AlertRecord> list = ReadAll(command);
        return list.Count == 0 ? null : list[0];
    }

    private static IReadOnlyList<AlertRecord> ReadAll(SqliteCommand command)
    {
        var list = new List<AlertRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(Read(reader));
        }

        return list;
    }

    private static AlertRecord Read(SqliteDataReader r)
    {
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        DateTimeOffset? Time(int i) => r.IsDBNull(i) ? null : Timestamp.Parse(r.GetString(i));
        return new AlertRecord(
            r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetInt32(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7),
            Text(8), r.GetString(9), Timestamp.Parse(r.GetString(10)), Timestamp.Parse(r.GetString(11)), r.GetInt32(12),
            Text(13) is string worst ? JsonSerializer.Deserialize(worst, AlertJson.Default.AlertValue) : null,
            JsonSerializer.Deserialize(r.GetString(14), AlertJson.Default.ListAlertEvidence)!,
            Text(15) is string score ? JsonSerializer.Deserialize(score, AlertJson.Default.AlertScore) : null,
            r.IsDBNull(16) ? null : r.GetInt32(16),
            Timestamp.Parse(r.GetString(17)), Timestamp.Parse(r.GetString(18)),
            Time(20) is DateTimeOffset acknowledged ? new AlertAcknowledgement(r.GetString(19), acknowledged, Text(21)) : null,
            Time(22) is DateTimeOffset resolved ? new AlertResolution(resolved, r.GetString(23)) : null,
            Time(25) is DateTimeOffset silenced ? new AlertSilence(r.GetString(24), silenced) : null);
    }
}
