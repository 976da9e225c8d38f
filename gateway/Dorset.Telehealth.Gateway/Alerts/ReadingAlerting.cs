using System;
using System.Collections.Generic;
using System.Globalization;
using Dorset.Telehealth.Clinical.Readings;
using Dorset.Telehealth.Clinical.Rules;
using Dorset.Telehealth.Clinical.Settings;
using Dorset.Telehealth.Gateway.Ingest;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.Data.Sqlite;

namespace Dorset.Telehealth.Gateway.Alerts;

/// <summary>
/// Runs the reading rules on each newly stored reading inside the group-commit transaction: loads the unit's patient
/// settings and the history the rules ask for from the same transaction, and writes the outcomes with
/// <see cref="AlertWriter"/>. Only new rows are evaluated, so a re-delivered or re-fetched reading never raises a
/// second alert, before or after a restart.
/// </summary>
public sealed class ReadingAlerting
{
    private const int MaxHistory = 500;
    private readonly SqliteCommand _unitContext;
    private readonly SqliteCommand _history;
    private readonly AlertWriter _writer;
    private readonly ClinicalRuleSet _rules;

    /// <summary>Prepares the statements on <paramref name="connection"/>.</summary>
    public ReadingAlerting(SqliteConnection connection, ClinicalRuleSet? rules = null)
    {
        _rules = rules ?? ClinicalRuleSet.Default;
        _writer = new AlertWriter(connection);
        // One statement per frame: the unit's patient, that patient's overrides, and its open episodes (rule/episode).
        _unitContext = Prepare(connection, """
            SELECT u.patient_ref, p.settings_json,
                (SELECT group_concat(a.rule_id || '/' || a.episode_key, char(10)) FROM alerts a WHERE a.unit_id = $p0 AND a.resolved_utc IS NULL)
            FROM (SELECT $p0 AS unit_id) k LEFT JOIN units u ON u.unit_id = k.unit_id LEFT JOIN patients p ON p.patient_ref = u.patient_ref
            """, 1);
        _history = Prepare(connection, $"""
            SELECT {StoredClinicalReading.Columns} FROM readings
            WHERE unit_id = $p0 AND kind IN ($p1, $p2) AND kind IN ('pulse-oximetry', 'blood-pressure', 'weight') AND taken_utc >= $p3 AND taken_utc <= $p4
            ORDER BY taken_utc DESC LIMIT {MaxHistory}
            """, 5);
    }

    /// <summary>Joins <paramref name="transaction"/>.</summary>
    public void Bind(SqliteTransaction transaction)
    {
        _unitContext.Transaction = transaction;
        _history.Transaction = transaction;
        _writer.Bind(transaction);
    }

    /// <summary>What judging a frame of <paramref name="unitId"/> needs, read once per frame in the writer's transaction.</summary>
    public UnitAlertContext ContextOf(string unitId)
    {
        _unitContext.Parameters[0].Value = unitId;
        using var reader = _unitContext.ExecuteReader();
        reader.Read();
        string? patientRef = reader.IsDBNull(0) ? null : reader.GetString(0);
        PatientSettings settings = reader.IsDBNull(1) ? PatientSettings.Default : PatientSettingsJson.Parse(reader.GetString(1));
        var open = new HashSet<string>(reader.IsDBNull(2) ? Array.Empty<string>() : reader.GetString(2).Split('\n'), StringComparer.Ordinal);
        return new UnitAlertContext(unitId, patientRef, settings, open);
    }

    /// <summary>
    /// Evaluates a reading just inserted as row <paramref name="readingId"/>, adding each alert change to
    /// <paramref name="changes"/> as it is written: if a later outcome throws, the changes already made (which commit
    /// with the reading) are still announced.
    /// </summary>
    public void Evaluate(UnitAlertContext unit, long readingId, IncomingReading reading, string? implausible,
        DateTimeOffset takenUtc, DateTimeOffset receivedUtc, ICollection<AlertChange> changes)
    {
        string unitId = unit.UnitId;
        PatientSettings settings = unit.Settings;
        var flags = new List<string>(reading.Flags);
        if (implausible != null)
        {
            flags.Add(Forwarding.CloudBatchContract.ImplausibleFlag);
        }

        var clinical = new ClinicalReading(readingId.ToString(CultureInfo.InvariantCulture), reading.Kind, StoredClinicalReading.Measured(reading.Values), flags, takenUtc,
            ReadingTimes.LocalDate(takenUtc), receivedUtc, reading.ClockSynced)
        {
            // The meter's own word on the meal, from the v2 frame: what the before- and after-meal targets judge.
            MealContext = reading.GlucoseContext?.Meal,
        };
        HistoryRequest? request = ClinicalRuleSet.HistoryFor(clinical, settings);
        var outcomes = _rules.Evaluate(clinical, request == null ? Array.Empty<ClinicalReading>() : History(unitId, request), settings);
        foreach (var outcome in outcomes)
        {
            if (_writer.Apply(unitId, unit.PatientRef, outcome, receivedUtc, unit.OpenEpisodes) is { } change)
            {
                changes.Add(change);
            }
        }
    }

    /// <summary>A unit's patient, settings and open episodes while one frame is judged.</summary>
    public sealed record UnitAlertContext(string UnitId, string? PatientRef, PatientSettings Settings, HashSet<string> OpenEpisodes);

    private List<ClinicalReading> History(string unitId, HistoryRequest request)
    {
        var p = _history.Parameters;
        p[0].Value = unitId;
        p[1].Value = request.Kinds[0];
        p[2].Value = request.Kinds[request.Kinds.Count - 1];
        p[3].Value = Timestamp.Format(request.FromUtc);
        p[4].Value = Timestamp.Format(request.ToUtc);
        var list = new List<ClinicalReading>();
        using var reader = _history.ExecuteReader();
        while (reader.Read())
        {
            list.Add(StoredClinicalReading.Read(reader));
        }

        return list;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (int i = 0; i < parameters; i++)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = "$p" + i.ToString(CultureInfo.InvariantCulture) });
        }

        return command;
    }
}
