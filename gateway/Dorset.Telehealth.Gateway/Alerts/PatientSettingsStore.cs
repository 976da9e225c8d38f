using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dorset.Telehealth.Clinical.Settings;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.Data.Sqlite;

namespace Dorset.Telehealth.Gateway.Alerts;

/// <summary>A patient's stored overrides and the settings they give.</summary>
public sealed record PatientSettingsView(string PatientRef, JsonObject Overrides, PatientSettings Effective);

/// <summary>
/// Per-patient alert settings (SpO2 scale and thresholds, oxygen, glucose targets, weight rule, schedules), stored by
/// patient reference as overrides of clinical.md's defaults. Every change is validated as a whole and audited with who,
/// when, and the overrides before and after, in the same transaction.
/// </summary>
public sealed class PatientSettingsStore
{
    private readonly GatewayDatabase _database;

    /// <summary>Creates the store.</summary>
    public PatientSettingsStore(GatewayDatabase database)
    {
        _database = database;
    }

    /// <summary>The settings of <paramref name="patientRef"/> (defaults when none are stored).</summary>
    public PatientSettingsView Show(string patientRef)
    {
        using var connection = _database.Open();
        string? stored = Stored(connection, null, patientRef);
        return new PatientSettingsView(patientRef, PatientSettingsJson.Overrides(stored), stored == null ? PatientSettings.Default : PatientSettingsJson.Parse(stored));
    }

    /// <summary>The settings of <paramref name="patientRef"/> inside a caller's transaction.</summary>
    public PatientSettings Get(SqliteConnection connection, SqliteTransaction transaction, string patientRef) =>
        Stored(connection, transaction, patientRef) is string json ? PatientSettingsJson.Parse(json) : PatientSettings.Default;

    /// <summary>
    /// Applies <paramref name="changes"/> (setting name → JSON value, or null to return to the default); null when
    /// stored, else the problem naming the setting, and nothing is stored.
    /// </summary>
    public string? Set(string patientRef, IReadOnlyDictionary<string, JsonNode?> changes, string by, DateTimeOffset nowUtc)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        string? before = Stored(connection, transaction, patientRef);
        JsonObject overrides = PatientSettingsJson.Overrides(before);
        foreach (var (name, value) in changes)
        {
            if (!PatientSettingsJson.IsSetting(name))
            {
                return $"unknown setting '{name}' (the settings are listed in gateway/README.md \"Clinical alerting\")";
            }

            overrides.Remove(name);
            if (value != null)
            {
                overrides[name] = value.DeepClone();
            }
        }

        string after = overrides.ToJsonString();
        PatientSettings settings;
        try
        {
            settings = PatientSettingsJson.Parse(after);
        }
        catch (JsonException e)
        {
            // The serializer's message names .NET types; staff need the setting and what it takes.
            string name = e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "a setting";
            return $"{name}: not a valid value ({PatientSettingsJson.Expects(name)})";
        }

        if ((settings.Validate() ?? UnknownDeviceKind(settings)) is string problem)
        {
            return problem;
        }

        if (!HasUnit(connection, transaction, patientRef))
        {
            // A mistyped reference would change nobody's thresholds while the real patient keeps the defaults.
            return $"no unit has patient reference '{patientRef}' (see `units list`; register the unit with --patient-ref first)";
        }

        using (var upsert = connection.CreateCommand())
        {
            upsert.Transaction = transaction;
            upsert.CommandText = """
                INSERT INTO patients(patient_ref, settings_json, updated_utc) VALUES ($ref, $json, $now)
                ON CONFLICT(patient_ref) DO UPDATE SET settings_json = excluded.settings_json, updated_utc = excluded.updated_utc
                """;
            upsert.Parameters.AddWithValue("$ref", patientRef);
            upsert.Parameters.AddWithValue("$json", after);
            upsert.Parameters.AddWithValue("$now", Timestamp.Format(nowUtc));
            upsert.ExecuteNonQuery();
        }

        AuditLog.Write(connection, transaction, nowUtc, by, "patient.settings", "patient:" + patientRef, before ?? "{}", after);
        transaction.Commit();
        return null;
    }

    /// <summary>True when some unit is registered for <paramref name="patientRef"/>.</summary>
    public bool IsKnownPatient(string patientRef)
    {
        using var connection = _database.Open();
        return HasUnit(connection, null, patientRef);
    }

    private static bool HasUnit(SqliteConnection connection, SqliteTransaction? transaction, string patientRef)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT EXISTS(SELECT 1 FROM units WHERE patient_ref = $ref)";
        command.Parameters.AddWithValue("$ref", patientRef);
        return System.Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    // A misspelt kind would silently stop a device being watched for stale data.
    private static string? UnknownDeviceKind(PatientSettings settings)
    {
        foreach (string kind in (settings.ExpectedDeviceKinds ?? Array.Empty<string>()).Concat(settings.DeviceScheduleHoursByKind.Keys))
        {
            if (!UnitConfig.Kinds.Contains(kind))
            {
                return $"'{kind}' is not a device kind ({string.Join(", ", UnitConfig.Kinds)})";
            }
        }

        return null;
    }

    private static string? Stored(SqliteConnection connection, SqliteTransaction? transaction, string patientRef)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT settings_json FROM patients WHERE patient_ref = $ref";
        command.Parameters.AddWithValue("$ref", patientRef);
        return command.ExecuteScalar() as string;
    }
}
