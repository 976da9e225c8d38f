using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.Data.Sqlite;

namespace Dorset.Telehealth.Gateway.Patients;

/// <summary>
/// The hub's small patient list (issue 11 "Patients"): a display name and an optional NHS number per patient
/// reference, entered when a unit is provisioned for the patient. They live in the patients table beside the
/// patient's alert settings, one row per patient; a row made here starts with no settings override.
/// </summary>
public sealed class PatientRegistry
{
    /// <summary>The longest display name.</summary>
    public const int MaxDisplayName = 100;

    private readonly GatewayDatabase _database;

    /// <summary>Creates the registry over <paramref name="database"/>.</summary>
    public PatientRegistry(GatewayDatabase database)
    {
        _database = database;
    }

    /// <summary>
    /// What an admin typed for a patient, validated: null when nothing but (at most) a reference was given, so there
    /// is nothing to register; otherwise the details (name trimmed, NHS number as ten digits), or a problem.
    /// </summary>
    public static PatientRecord? Details(string? patientRef, string? displayName, string? nhsNumber, out string? problem)
    {
        string? name = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim();
        string? typedNumber = string.IsNullOrWhiteSpace(nhsNumber) ? null : nhsNumber;
        problem = null;
        if (name == null && typedNumber == null)
        {
            return null;
        }

        if (string.IsNullOrEmpty(patientRef))
        {
            problem = "a display name or NHS number needs the patient reference it belongs to";
            return null;
        }

        if (name != null && (name.Length > MaxDisplayName || name.AsSpan().ContainsAnyInRange('\0', '\u001f')))
        {
            problem = $"display name must be 1-{MaxDisplayName} characters on one line";
            return null;
        }

        string? digits = typedNumber == null ? null : NhsNumber.Parse(typedNumber, out problem);
        return problem == null ? new PatientRecord(patientRef, name, digits) : null;
    }

    /// <summary>The patients with a display name or NHS number, by reference.</summary>
    public IReadOnlyList<PatientRecord> List()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT patient_ref, display_name, nhs_number FROM patients WHERE display_name IS NOT NULL OR nhs_number IS NOT NULL ORDER BY patient_ref";
        var patients = new List<PatientRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            patients.Add(Read(reader));
        }

        return patients;
    }

    /// <summary>Display names by patient reference, for pages that name many patients at once.</summary>
    public IReadOnlyDictionary<string, string> DisplayNames() =>
        List().Where(p => p.DisplayName != null).ToDictionary(p => p.PatientRef, p => p.DisplayName!, StringComparer.Ordinal);

    /// <summary>The patient of <paramref name="patientRef"/>, or null when the list does not hold them.</summary>
    public PatientRecord? Find(string patientRef)
    {
        using var connection = _database.Open();
        return Find(connection, null, patientRef);
    }

    /// <summary>
    /// Records <paramref name="details"/> inside the caller's transaction, audited: a new patient is added; a known
    /// one keeps what is stored and only gains what was missing. A name or number that differs from the stored one,
    /// or an NHS number that is another patient's, is refused (null when recorded, else the problem): it is most often
    /// a mistyped patient reference, which would put a unit's readings in the wrong person's record.
    /// </summary>
    public static string? Register(SqliteConnection connection, SqliteTransaction transaction, PatientRecord details, string actor, DateTimeOffset nowUtc)
    {
        PatientRecord? stored = Find(connection, transaction, details.PatientRef);
        if (stored?.DisplayName != null && details.DisplayName != null && stored.DisplayName != details.DisplayName)
        {
            return $"patient {details.PatientRef} is '{stored.DisplayName}', not '{details.DisplayName}' (check the patient reference)";
        }

        if (stored?.NhsNumber != null && details.NhsNumber != null && stored.NhsNumber != details.NhsNumber)
        {
            return $"patient {details.PatientRef} has NHS number {stored.NhsNumberShown}, not {details.NhsNumberShown} (check the patient reference)";
        }

        if (details.NhsNumber != null && OwnerOf(connection, transaction, details.NhsNumber) is string owner && owner != details.PatientRef)
        {
            return $"NHS number {details.NhsNumberShown} is patient {owner}'s (check the patient reference)";
        }

        var after = new PatientRecord(details.PatientRef, stored?.DisplayName ?? details.DisplayName, stored?.NhsNumber ?? details.NhsNumber);
        if (after == stored)
        {
            return null;
        }

        using (var upsert = connection.CreateCommand())
        {
            upsert.Transaction = transaction;
            upsert.CommandText = """
                INSERT INTO patients(patient_ref, settings_json, updated_utc, display_name, nhs_number) VALUES ($ref, '{}', $now, $name, $nhs)
                ON CONFLICT(patient_ref) DO UPDATE SET display_name = excluded.display_name, nhs_number = excluded.nhs_number
                """;
            upsert.Parameters.AddWithValue("$ref", after.PatientRef);
            upsert.Parameters.AddWithValue("$now", Timestamp.Format(nowUtc));
            upsert.Parameters.AddWithValue("$name", (object?)after.DisplayName ?? DBNull.Value);
            upsert.Parameters.AddWithValue("$nhs", (object?)after.NhsNumber ?? DBNull.Value);
            upsert.ExecuteNonQuery();
        }

        AuditLog.Write(connection, transaction, nowUtc, actor, "patient.register", "patient:" + after.PatientRef, stored == null ? null : Json(stored), Json(after));
        return null;
    }

    private static PatientRecord? Find(SqliteConnection connection, SqliteTransaction? transaction, string patientRef)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT patient_ref, display_name, nhs_number FROM patients WHERE patient_ref = $ref";
        command.Parameters.AddWithValue("$ref", patientRef);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static string? OwnerOf(SqliteConnection connection, SqliteTransaction transaction, string nhsNumber)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT patient_ref FROM patients WHERE nhs_number = $nhs";
        command.Parameters.AddWithValue("$nhs", nhsNumber);
        return command.ExecuteScalar() as string;
    }

    private static PatientRecord Read(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));

    private static string Json(PatientRecord patient) =>
        new JsonObject { ["displayName"] = patient.DisplayName, ["nhsNumber"] = patient.NhsNumber }.ToJsonString();
}
