using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Protocol.Contract;
using Microsoft.Data.Sqlite;

namespace Dorset.Telehealth.Gateway.Storage;

/// <summary>
/// The units table: provisioning (add, revoke), credential checks for the broker, and the status each unit reports.
/// Used by the service and by the CLI verbs, possibly at the same time on the same file.
/// </summary>
public sealed partial class UnitRegistry
{
    private readonly GatewayDatabase _database;


    /// <summary>Creates the registry over <paramref name="database"/>.</summary>
    public UnitRegistry(GatewayDatabase database)
    {
        _database = database;
    }

    /// <summary>True when <paramref name="unitId"/> keeps the one unit id rule of unit, gateway and cloud (<see cref="UnitIds"/>).</summary>
    public static bool IsValidUnitId(string? unitId) => UnitIds.IsValid(unitId!);

    /// <summary>Registers a unit and returns its secret, which is not stored and cannot be shown again.</summary>
    /// <exception cref="ArgumentException">The id is not a valid unit id.</exception>
    /// <exception cref="InvalidOperationException">A unit with this id exists.</exception>
    public string Add(string unitId, string? patientRef)
    {
        Validate(unitId, patientRef);
        string secret = SecretHasher.NewSecret();
        string hash = SecretHasher.Hash(secret);
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        Insert(connection, transaction, unitId, patientRef, hash, DateTimeOffset.UtcNow);
        transaction.Commit();
        return secret;
    }

    /// <summary>Why a new unit cannot be registered with this id and patient reference, or null when it can.</summary>
    public static string? NewUnitProblem(string unitId, string? patientRef) =>
        !IsValidUnitId(unitId) ? $"unit id '{(unitId.Length > 64 ? unitId[..64] + "..." : unitId)}' must be {UnitIds.Rule}"
        // The reference names the patient in every alert, setting and cloud revision (1..64 in the alert contract).
        : patientRef is { Length: 0 or > 64 } ? $"patient reference must be 1-64 characters, got {patientRef.Length}"
        : null;

    private static void Validate(string unitId, string? patientRef)
    {
        if (NewUnitProblem(unitId, patientRef) is string problem)
        {
            throw new ArgumentException(problem, nameof(unitId));
        }
    }

    /// <summary>Registers a unit whose secret hashes to <paramref name="secretHash"/>, inside the caller's transaction.</summary>
    /// <exception cref="ArgumentException">See <see cref="NewUnitProblem"/>.</exception>
    /// <exception cref="InvalidOperationException">A unit with this id exists.</exception>
    public static void Insert(SqliteConnection connection, SqliteTransaction transaction, string unitId, string? patientRef, string secretHash, DateTimeOffset nowUtc)
    {
        Validate(unitId, patientRef);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO units(unit_id, patient_ref, secret_hash, created_utc) VALUES ($id, $patient, $hash, $now)";
        command.Parameters.AddWithValue("$id", unitId);
        command.Parameters.AddWithValue("$patient", (object?)patientRef ?? DBNull.Value);
        command.Parameters.AddWithValue("$hash", secretHash);
        command.Parameters.AddWithValue("$now", Timestamp.Format(nowUtc));
        try
        {
            command.ExecuteNonQuery();
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            throw new InvalidOperationException($"unit '{unitId}' already exists", e);
        }
    }

    /// <summary>Marks a unit revoked; returns false when there is no such unit or it was already revoked.</summary>
    public bool Revoke(string unitId)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        bool revoked = Revoke(connection, transaction, unitId, DateTimeOffset.UtcNow);
        transaction.Commit();
        return revoked;
    }

    /// <summary><see cref="Revoke(string)"/> inside the caller's transaction.</summary>
    public bool Revoke(SqliteConnection connection, SqliteTransaction transaction, string unitId, DateTimeOffset nowUtc)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE units SET revoked_utc = $now WHERE unit_id = $id AND revoked_utc IS NULL";
        command.Parameters.AddWithValue("$id", unitId);
        command.Parameters.AddWithValue("$now", Timestamp.Format(nowUtc));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>
    /// True only for a known, unrevoked unit whose secret matches. Unknown and revoked units get the same answer as a
    /// wrong secret, so a caller cannot probe which ids exist.
    /// </summary>
    public bool VerifyCredentials(string? unitId, string? secret)
    {
        if (!IsValidUnitId(unitId) || string.IsNullOrEmpty(secret))
        {
            return false;
        }

        string? storedHash;
        using (var connection = _database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT secret_hash FROM units WHERE unit_id = $id AND revoked_utc IS NULL";
            command.Parameters.AddWithValue("$id", unitId);
            storedHash = command.ExecuteScalar() as string;
        }

        if (storedHash == null || !SecretHasher.Verify(secret, storedHash))
        {
            return false;
        }

        if (!SecretHasher.IsCurrent(storedHash))
        {
            ReplaceLegacyHash(unitId!, storedHash, SecretHasher.Hash(secret));
        }

        return true;
    }

    /// <summary>Swaps a PBKDF2 hash from before for the SHA-256 one, unless the row changed meanwhile (re-keyed, revoked).</summary>
    private void ReplaceLegacyHash(string unitId, string legacy, string current)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE units SET secret_hash = $new WHERE unit_id = $id AND secret_hash = $old";
        command.Parameters.AddWithValue("$id", unitId);
        command.Parameters.AddWithValue("$old", legacy);
        command.Parameters.AddWithValue("$new", current);
        command.ExecuteNonQuery();
    }

    /// <summary>One unit, or null.</summary>
    public UnitRecord? Find(string unitId)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = SelectUnits + " WHERE unit_id = $id";
        command.Parameters.AddWithValue("$id", unitId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadUnit(reader) : null;
    }

    /// <summary>Every unit, revoked ones included, ordered by id.</summary>
    public IReadOnlyList<UnitRecord> List()
    {
        var units = new List<UnitRecord>();
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = SelectUnits + " ORDER BY unit_id";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            units.Add(ReadUnit(reader));
        }

        return units;
    }

    /// <summary>Records what a unit reported on its status topic and when it was last heard from.</summary>
    public void ApplyStatus(string unitId, UnitStatusReport report, DateTimeOffset at)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE units SET
                online = COALESCE($online, online),
                firmware = COALESCE($firmware, firmware),
                battery_percent = COALESCE($battery, battery_percent),
                rssi_dbm = COALESCE($rssi, rssi_dbm),
                outbox_depth = COALESCE($depth, outbox_depth),
                dropped_count = COALESCE($dropped, dropped_count),
                clock_synced = COALESCE($clock, clock_synced),
                status_json = $raw,
                last_seen_utc = $now
            WHERE unit_id = $id
            """;
        command.Parameters.AddWithValue("$id", unitId);
        command.Parameters.AddWithValue("$online", report.Online.HasValue ? (report.Online.Value ? 1 : 0) : DBNull.Value);
        command.Parameters.AddWithValue("$firmware", (object?)report.Firmware ?? DBNull.Value);
        command.Parameters.AddWithValue("$battery", (object?)report.BatteryPercent ?? DBNull.Value);
        command.Parameters.AddWithValue("$rssi", (object?)report.RssiDbm ?? DBNull.Value);
        command.Parameters.AddWithValue("$depth", (object?)report.OutboxDepth ?? DBNull.Value);
        command.Parameters.AddWithValue("$dropped", (object?)report.DroppedCount ?? DBNull.Value);
        command.Parameters.AddWithValue("$clock", report.ClockSynced.HasValue ? (report.ClockSynced.Value ? 1 : 0) : DBNull.Value);
        command.Parameters.AddWithValue("$raw", report.RawJson);
        command.Parameters.AddWithValue("$now", Timestamp.Format(at));
        command.ExecuteNonQuery();
    }

    /// <summary>Marks a unit online or offline (connect, disconnect, last will) and touches last seen.</summary>
    public void SetOnline(string unitId, bool online, DateTimeOffset at)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE units SET online = $online, last_seen_utc = $now WHERE unit_id = $id";
        command.Parameters.AddWithValue("$id", unitId);
        command.Parameters.AddWithValue("$online", online ? 1 : 0);
        command.Parameters.AddWithValue("$now", Timestamp.Format(at));
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// After a restart no unit is connected yet; whatever the table said was true of the previous process.
    /// </summary>
    public void MarkAllOffline()
    {
        using var connection = _database.Open();
        GatewayDatabase.Execute(connection, "UPDATE units SET online = 0 WHERE online <> 0");
    }

    /// <summary>Replaces a unit's config document (paired devices and settings) that the broker publishes retained.</summary>
    public bool SetConfig(string unitId, string configJson)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE units SET config_json = $config WHERE unit_id = $id";
        command.Parameters.AddWithValue("$id", unitId);
        command.Parameters.AddWithValue("$config", configJson);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>
    /// Edits an active unit's config and audits it (who, when, the config before and after) in one transaction, so two
    /// edits at once cannot lose either. <paramref name="edit"/> gets the stored config and returns the new one, or a
    /// refusal that changes nothing. The broker publishes the new config retained on its next sync.
    /// </summary>
    public ConfigChange ChangeConfig(string unitId, Func<string, ConfigChange> edit, string actor, string action, DateTimeOffset at)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        string? current;
        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT config_json FROM units WHERE unit_id = $id AND revoked_utc IS NULL";
            select.Parameters.AddWithValue("$id", unitId);
            current = select.ExecuteScalar() as string;
        }

        if (current == null)
        {
            return ConfigChange.Refused($"no active unit '{unitId}'");
        }

        ConfigChange change = edit(current);
        if (change.Config == null)
        {
            return change;
        }

        using (var update = connection.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = "UPDATE units SET config_json = $config WHERE unit_id = $id";
            update.Parameters.AddWithValue("$id", unitId);
            update.Parameters.AddWithValue("$config", change.Config);
            update.ExecuteNonQuery();
        }

        AuditLog.Write(connection, transaction, at, actor, action, AuditSubject(unitId), current, change.Config);
        transaction.Commit();
        return change;
    }

    /// <summary>The audit table's subject for a unit, e.g. "unit:unit-0001".</summary>
    public static string AuditSubject(string unitId) => "unit:" + unitId;

    /// <summary>The per-device parts of the unit's last status (<see cref="UnitStatusDocument.Empty"/> for no such unit).</summary>
    public UnitStatusDocument Reported(string unitId)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT status_json FROM units WHERE unit_id = $id";
        command.Parameters.AddWithValue("$id", unitId);
        return UnitStatusDocument.Parse(command.ExecuteScalar() as string);
    }

    private const string SelectUnits = """
        SELECT unit_id, patient_ref, created_utc, revoked_utc, config_json, online, last_seen_utc, firmware,
               battery_percent, rssi_dbm, outbox_depth, dropped_count, clock_synced, status_json,
               (SELECT COUNT(*) FROM quarantine q WHERE q.unit_id = units.unit_id)
        FROM units
        """;

    private static UnitRecord ReadUnit(SqliteDataReader r)
    {
        return new UnitRecord(
            r.GetString(0),
            r.IsDBNull(1) ? null : r.GetString(1),
            Timestamp.Parse(r.GetString(2)),
            r.IsDBNull(3) ? null : Timestamp.Parse(r.GetString(3)),
            r.GetString(4),
            r.GetInt64(5) != 0,
            r.IsDBNull(6) ? null : Timestamp.Parse(r.GetString(6)),
            r.IsDBNull(7) ? null : r.GetString(7),
            r.IsDBNull(8) ? null : r.GetInt32(8),
            r.IsDBNull(9) ? null : r.GetInt32(9),
            r.IsDBNull(10) ? null : r.GetInt32(10),
            r.IsDBNull(11) ? null : r.GetInt32(11),
            r.IsDBNull(12) ? null : r.GetInt64(12) != 0,
            UnitAttention.Describe(r.IsDBNull(13) ? null : r.GetString(13), r.GetString(4), r.GetInt64(14)));
    }
}

/// <summary>One text form for every stored instant: ISO 8601 UTC with 7 fractional digits, which sorts as text.</summary>
public static class Timestamp
{
    /// <summary>Formats in UTC, e.g. 2026-11-24T13:53:08.1234567Z.</summary>
    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses what <see cref="Format"/> wrote (or any ISO 8601 instant).</summary>
    public static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
