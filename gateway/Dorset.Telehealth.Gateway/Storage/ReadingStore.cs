using System;
using System.Collections.Generic;
using System.Text.Json;
using Dorset.Telehealth.Clinical.Readings;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Ingest;
using Microsoft.Data.Sqlite;

namespace Dorset.Telehealth.Gateway.Storage;

/// <summary>A stored reading as `readings export` and the console APIs show it.</summary>
public sealed record ExportedReading(
    long Id,
    string Unit,
    int DeviceSlot,
    long? DeviceSequence,
    long OutboxSequence,
    string Kind,
    IReadOnlyList<ReadingValue> Values,
    IReadOnlyList<string> Flags,
    string? GlucoseSampleType,
    string? GlucoseSampleLocation,
    string? DeviceAddress,
    string? DeviceKind,
    int StatusBits,
    string? DeviceTime,
    string? UnitReceiptTime,
    bool ClockSynced,
    string ReceivedUtc,
    string? Implausible,
    bool Forwarded,
    string? ForwardedUtc)
{
    /// <summary>Glucose only: the meter's context for the reading, or null.</summary>
    public GlucoseContextReport? GlucoseContext { get; init; }
}

/// <summary>How much is waiting for the cloud.</summary>
/// <param name="Count">Unforwarded readings.</param>
/// <param name="OldestReceivedUtc">When the oldest of them arrived, or null when there are none.</param>
public readonly record struct BacklogSummary(long Count, DateTimeOffset? OldestReceivedUtc);

/// <summary>A quarantined frame (payload as hex).</summary>
public sealed record QuarantinedFrame(long Id, string Unit, string Topic, string PayloadHex, string Reason, string ReceivedUtc);

/// <summary>Reads of the readings and quarantine tables (the writer is <see cref="GroupCommitWriter"/>).</summary>
public sealed class ReadingStore
{
    private readonly GatewayDatabase _database;

    /// <summary>Creates the store over <paramref name="database"/>.</summary>
    public ReadingStore(GatewayDatabase database)
    {
        _database = database;
    }

    /// <summary>Readings in arrival order, optionally of one unit and received at or after <paramref name="since"/>.</summary>
    public IEnumerable<ExportedReading> Export(string? unitId, DateTimeOffset? since, int? limit = null)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = SelectReadings + """
             WHERE ($unit IS NULL OR unit_id = $unit) AND ($since IS NULL OR received_utc >= $since)
            ORDER BY id
            """ + (limit.HasValue ? " LIMIT $limit" : string.Empty);
        command.Parameters.AddWithValue("$unit", (object?)unitId ?? DBNull.Value);
        command.Parameters.AddWithValue("$since", since.HasValue ? Timestamp.Format(since.Value) : DBNull.Value);
        if (limit.HasValue)
        {
            command.Parameters.AddWithValue("$limit", limit.Value);
        }

        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return ReadReading(reader);
        }
    }

    /// <summary>The latest readings, newest first (console).</summary>
    public IReadOnlyList<ExportedReading> Latest(string? unitId, int count)
    {
        var list = new List<ExportedReading>();
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = SelectReadings + " WHERE ($unit IS NULL OR unit_id = $unit) ORDER BY id DESC LIMIT $limit";
        command.Parameters.AddWithValue("$unit", (object?)unitId ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", count);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(ReadReading(reader));
        }

        return list;
    }

    /// <summary>
    /// The readings of <paramref name="unitId"/> taken from <paramref name="fromUtc"/> to <paramref name="toUtc"/>, oldest
    /// first, as the rules see them (console: a patient's trends). Both halves are index range scans, so the cost follows
    /// the readings in the window, not everything the unit ever sent.
    /// </summary>
    public IReadOnlyList<ClinicalReading> TakenBetween(string unitId, DateTimeOffset fromUtc, DateTimeOffset toUtc)
    {
        var list = new List<ClinicalReading>();
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = TakenBetweenSql;
        command.Parameters.AddWithValue("$unit", unitId);
        command.Parameters.AddWithValue("$from", Timestamp.Format(fromUtc));
        command.Parameters.AddWithValue("$to", Timestamp.Format(toUtc));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(StoredClinicalReading.Read(reader));
        }

        return list;
    }

    /// <summary>Each unit's newest stored reading of each kind (console: the patients' list).</summary>
    public IReadOnlyList<ExportedReading> NewestPerUnitAndKind()
    {
        var list = new List<ExportedReading>();
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = SelectReadings + " WHERE id IN (SELECT MAX(id) FROM readings GROUP BY unit_id, kind) ORDER BY unit_id, kind";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(ReadReading(reader));
        }

        return list;
    }

    /// <summary>Unforwarded readings and the age of the oldest.</summary>
    public BacklogSummary Backlog()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), MIN(received_utc) FROM readings WHERE forwarded_utc IS NULL";
        using var reader = command.ExecuteReader();
        reader.Read();
        return new BacklogSummary(reader.GetInt64(0), reader.IsDBNull(1) ? null : Timestamp.Parse(reader.GetString(1)));
    }

    /// <summary>Unforwarded readings that wait for a paired device (held) or that the cloud refused for good (rejected).</summary>
    public (long Held, long Rejected) ForwardingProblems()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COALESCE(SUM(device_address IS NULL AND forward_rejection IS NULL), 0), COALESCE(SUM(forward_rejection IS NOT NULL), 0)
            FROM readings WHERE forwarded_utc IS NULL
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>All readings stored.</summary>
    public long Count()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM readings";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Quarantined frames, newest first.</summary>
    public IReadOnlyList<QuarantinedFrame> Quarantine(int count)
    {
        var list = new List<QuarantinedFrame>();
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, unit_id, topic, payload, reason, received_utc FROM quarantine ORDER BY id DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", count);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(new QuarantinedFrame(reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                Convert.ToHexString((byte[])reader.GetValue(3)).ToLowerInvariant(), reader.GetString(4), reader.GetString(5)));
        }

        return list;
    }

    /// <summary>How many frames are in quarantine.</summary>
    public long QuarantineCount()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM quarantine";
        return (long)command.ExecuteScalar()!;
    }

    // Each half repeats its index's WHERE clause word for word: SQLite uses a partial index only for a query that
    // implies it (sqlite.org/partialindex.html).
    internal const string TakenBetweenSql = $"""
        SELECT {StoredClinicalReading.Columns} FROM readings
        WHERE unit_id = $unit AND kind IN ('pulse-oximetry', 'blood-pressure', 'weight') AND taken_utc >= $from AND taken_utc <= $to
        UNION ALL
        SELECT {StoredClinicalReading.Columns} FROM readings
        WHERE unit_id = $unit AND kind = 'glucose' AND taken_utc >= $from AND taken_utc <= $to
        ORDER BY 6
        """;

    internal const string SelectReadings = """
        SELECT id, unit_id, device_slot, device_seq, outbox_seq, kind, values_json, status_bits, device_time,
               unit_receipt_time, clock_synced, received_utc, implausible, forwarded_utc,
               flags_json, glucose_type, glucose_location, device_address, device_kind, glucose_context_json
        FROM readings
        """;

    internal static ExportedReading ReadReading(SqliteDataReader r)
    {
        var values = JsonSerializer.Deserialize(r.GetString(6), GatewayJson.Default.IReadOnlyListReadingValue) ?? Array.Empty<ReadingValue>();
        return new ExportedReading(
            r.GetInt64(0),
            r.GetString(1),
            r.GetInt32(2),
            r.IsDBNull(3) ? null : r.GetInt64(3),
            r.GetInt64(4),
            r.GetString(5),
            values,
            JsonSerializer.Deserialize(r.GetString(14), GatewayJson.Default.IReadOnlyListString) ?? Array.Empty<string>(),
            r.IsDBNull(15) ? null : r.GetString(15),
            r.IsDBNull(16) ? null : r.GetString(16),
            r.IsDBNull(17) ? null : r.GetString(17),
            r.IsDBNull(18) ? null : r.GetString(18),
            r.GetInt32(7),
            r.IsDBNull(8) ? null : r.GetString(8),
            r.IsDBNull(9) ? null : r.GetString(9),
            r.GetInt64(10) != 0,
            r.GetString(11),
            r.IsDBNull(12) ? null : r.GetString(12),
            !r.IsDBNull(13),
            r.IsDBNull(13) ? null : r.GetString(13))
        {
            GlucoseContext = r.IsDBNull(19) ? null : JsonSerializer.Deserialize(r.GetString(19), GatewayJson.Default.GlucoseContextReport),
        };
    }
}
