using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.Data.Sqlite;

namespace Dorset.Telehealth.Gateway.Alerts;

/// <summary>
/// Turns rule outcomes into alert rows inside the caller's transaction, so that an alert commits with the reading
/// that raised it or not at all. One open episode per (unit, rule, episode key): a breach raises it or updates it
/// (count, last time, worst value, level), a clear taken at or after its last breach resolves it. An episode holds at
/// most <see cref="MaxEvidence"/> readings: the first and the newest, so a storm stays one small row.
/// </summary>
public sealed class AlertWriter
{
    /// <summary>The most triggering readings an alert keeps.</summary>
    public const int MaxEvidence = 50;

    private readonly SqliteCommand _findOpen;
    private readonly SqliteCommand _findKey;
    private readonly SqliteConnection _connection;

    /// <summary>Prepares the statements on <paramref name="connection"/>.</summary>
    public AlertWriter(SqliteConnection connection)
    {
        _connection = connection;
        _findOpen = connection.CreateCommand();
        _findOpen.CommandText = """
            SELECT id, revision, level, summary, first_breach_utc, last_breach_utc, breach_count, worst_json, evidence_json, late_minutes
            FROM alerts WHERE unit_id = $unit AND rule_id = $rule AND episode_key = $episode AND resolved_utc IS NULL
            """;
        _findOpen.Parameters.Add("$unit", SqliteType.Text);
        _findOpen.Parameters.Add("$rule", SqliteType.Text);
        _findOpen.Parameters.Add("$episode", SqliteType.Text);
        _findKey = connection.CreateCommand();
        _findKey.CommandText = "SELECT unit_id, outbox_seq, device_address, device_seq, device_time FROM readings WHERE id = $id";
        _findKey.Parameters.Add("$id", SqliteType.Integer);
    }

    /// <summary>Joins <paramref name="transaction"/> (null outside one).</summary>
    public void Bind(SqliteTransaction? transaction)
    {
        _findOpen.Transaction = transaction;
        _findKey.Transaction = transaction;
    }

    /// <summary>
    /// Applies one outcome; the change, or null when nothing changed.
    /// </summary>
    /// <param name="unitId">The unit.</param>
    /// <param name="patientRef">Its patient reference now.</param>
    /// <param name="outcome">What the rule concluded.</param>
    /// <param name="nowUtc">When the change is made.</param>
    /// <param name="openEpisodes">
    /// "rule/episode" of the unit's open alerts, read in this transaction (which holds the write lock, so nothing else
    /// can open or resolve one meanwhile): spares the lookup of a rule with nothing open, and is kept up to date.
    /// </param>
    /// <param name="onlyWhenWorse">
    /// For clock rules, which say "still breached" on every run: an open episode changes only when its level rises,
    /// so a silent scale is one revision, not one a minute (nor a breach count that only counts runs).
    /// </param>
    public AlertChange? Apply(string unitId, string? patientRef, RuleOutcome outcome, DateTimeOffset nowUtc, HashSet<string>? openEpisodes = null,
        bool onlyWhenWorse = false)
    {
        string episode = EpisodeOf(outcome.RuleId, outcome.EpisodeKey);
        if (openEpisodes != null && !openEpisodes.Contains(episode))
        {
            if (!outcome.Breached)
            {
                return null;
            }

            openEpisodes.Add(episode);
            return Raise(unitId, patientRef, outcome, nowUtc);
        }

        AlertChange? change = Apply(unitId, patientRef, outcome, nowUtc, onlyWhenWorse);
        if (change?.Kind == AlertChangeKind.Resolved)
        {
            openEpisodes?.Remove(episode);
        }

        return change;
    }

    /// <summary>The key of an episode in an open-episodes set: "rule/episode".</summary>
    public static string EpisodeOf(string ruleId, string episodeKey) => ruleId + "/" + episodeKey;

    private AlertChange? Apply(string unitId, string? patientRef, RuleOutcome outcome, DateTimeOffset nowUtc, bool onlyWhenWorse)
    {
        _findOpen.Parameters["$unit"].Value = unitId;
        _findOpen.Parameters["$rule"].Value = outcome.RuleId;
        _findOpen.Parameters["$episode"].Value = outcome.EpisodeKey;
        OpenEpisode? open = null;
        using (var reader = _findOpen.ExecuteReader())
        {
            if (reader.Read())
            {
                open = new OpenEpisode(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3),
                    Timestamp.Parse(reader.GetString(4)), Timestamp.Parse(reader.GetString(5)), reader.GetInt32(6),
                    reader.IsDBNull(7) ? null : JsonSerializer.Deserialize(reader.GetString(7), AlertJson.Default.AlertValue),
                    JsonSerializer.Deserialize(reader.GetString(8), AlertJson.Default.ListAlertEvidence)!,
                    reader.IsDBNull(9) ? null : reader.GetInt32(9));
            }
        }

        if (!outcome.Breached)
        {
            // A late normal reading taken before the breach says nothing about now.
            return open == null || outcome.AtUtc < open.LastBreachUtc ? null : Resolve(open, outcome, nowUtc);
        }

        if (open == null)
        {
            return Raise(unitId, patientRef, outcome, nowUtc);
        }

        return onlyWhenWorse && (!AlertLevels.TryParse(open.Level, out AlertLevel stored) || outcome.Level <= stored) ? null : Update(open, outcome, nowUtc, unitId);
    }

    private AlertChange Raise(string unitId, string? patientRef, RuleOutcome outcome, DateTimeOffset nowUtc)
    {
        string id = Guid.NewGuid().ToString("D");
        string level = AlertLevels.Name(outcome.Level);
        using var insert = Command("""
            INSERT INTO alerts(id, revision, rule_id, rule_version, episode_key, level, state, unit_id, patient_ref, summary,
                first_breach_utc, last_breach_utc, breach_count, worst_json, evidence_json, score_json, late_minutes, raised_utc, updated_utc)
            VALUES ($id, 1, $rule, $version, $episode, $level, 'open', $unit, $patient, $summary, $at, $at, 1, $worst, $evidence, $score, $late, $now, $now)
            """);
        insert.Parameters.AddWithValue("$id", id);
        insert.Parameters.AddWithValue("$rule", outcome.RuleId);
        insert.Parameters.AddWithValue("$version", outcome.RuleVersion);
        insert.Parameters.AddWithValue("$episode", outcome.EpisodeKey);
        insert.Parameters.AddWithValue("$level", level);
        insert.Parameters.AddWithValue("$unit", unitId);
        insert.Parameters.AddWithValue("$patient", (object?)patientRef ?? DBNull.Value);
        insert.Parameters.AddWithValue("$summary", outcome.Summary);
        insert.Parameters.AddWithValue("$at", Timestamp.Format(outcome.AtUtc));
        insert.Parameters.AddWithValue("$worst", (object?)Json(ValueOf(outcome)) ?? DBNull.Value);
        insert.Parameters.AddWithValue("$evidence", JsonSerializer.Serialize(EvidenceOf(outcome), AlertJson.Default.ListAlertEvidence));
        insert.Parameters.AddWithValue("$score", (object?)ScoreJson(outcome) ?? DBNull.Value);
        insert.Parameters.AddWithValue("$late", (object?)outcome.LateMinutes ?? DBNull.Value);
        insert.Parameters.AddWithValue("$now", Timestamp.Format(nowUtc));
        insert.ExecuteNonQuery();
        return new AlertChange(id, AlertChangeKind.Raised, outcome.RuleId, level, outcome.Summary, unitId);
    }

    private AlertChange Update(OpenEpisode open, RuleOutcome outcome, DateTimeOffset nowUtc, string unitId)
    {
        AlertLevels.TryParse(open.Level, out AlertLevel stored);
        bool escalated = outcome.Level > stored;
        AlertLevel level = escalated ? outcome.Level : stored;
        bool newest = outcome.AtUtc >= open.LastBreachUtc;
        AlertValue? worst = IsWorse(outcome, ValueOf(outcome), open.Worst) ? ValueOf(outcome) : open.Worst;
        var evidence = new List<AlertEvidence>(open.Evidence);
        foreach (AlertEvidence e in EvidenceOf(outcome).Where(e => open.Evidence.All(o => o.ReadingId != e.ReadingId)))
        {
            if (evidence.Count >= MaxEvidence)
            {
                evidence.RemoveAt(1);
            }

            evidence.Add(e);
        }

        string summary = outcome.Level >= stored && newest ? outcome.Summary : open.Summary;
        using var update = Command("""
            UPDATE alerts SET revision = revision + 1, level = $level, summary = $summary, rule_version = $version,
                first_breach_utc = $first, last_breach_utc = $last, breach_count = breach_count + 1, worst_json = $worst,
                evidence_json = $evidence, score_json = CASE WHEN $newest THEN COALESCE($score, score_json) ELSE score_json END,
                late_minutes = $late, updated_utc = $now,
                silenced_utc = CASE WHEN $escalated THEN NULL ELSE silenced_utc END,
                silenced_by = CASE WHEN $escalated THEN NULL ELSE silenced_by END
            WHERE id = $id
            """);
        update.Parameters.AddWithValue("$id", open.Id);
        update.Parameters.AddWithValue("$level", AlertLevels.Name(level));
        update.Parameters.AddWithValue("$summary", summary);
        update.Parameters.AddWithValue("$version", outcome.RuleVersion);
        update.Parameters.AddWithValue("$first", Timestamp.Format(outcome.AtUtc < open.FirstBreachUtc ? outcome.AtUtc : open.FirstBreachUtc));
        update.Parameters.AddWithValue("$last", Timestamp.Format(newest ? outcome.AtUtc : open.LastBreachUtc));
        update.Parameters.AddWithValue("$worst", (object?)Json(worst) ?? DBNull.Value);
        update.Parameters.AddWithValue("$evidence", JsonSerializer.Serialize(evidence, AlertJson.Default.ListAlertEvidence));
        update.Parameters.AddWithValue("$newest", newest);
        update.Parameters.AddWithValue("$score", (object?)ScoreJson(outcome) ?? DBNull.Value);
        // A current breach makes the episode current; a late one never makes a current episode late.
        update.Parameters.AddWithValue("$late", open.LateMinutes.HasValue && outcome.LateMinutes.HasValue ? Math.Min(open.LateMinutes.Value, outcome.LateMinutes.Value) : DBNull.Value);
        update.Parameters.AddWithValue("$now", Timestamp.Format(nowUtc));
        // Worse than when it was silenced: it sounds again.
        update.Parameters.AddWithValue("$escalated", escalated);
        update.ExecuteNonQuery();
        return new AlertChange(open.Id, AlertChangeKind.Updated, outcome.RuleId, AlertLevels.Name(level), summary, unitId);
    }

    private AlertChange Resolve(OpenEpisode open, RuleOutcome outcome, DateTimeOffset nowUtc)
    {
        using var update = Command("""
            UPDATE alerts SET revision = revision + 1, state = 'resolved', resolved_utc = $now, resolved_reason = $reason, updated_utc = $now
            WHERE id = $id
            """);
        update.Parameters.AddWithValue("$id", open.Id);
        update.Parameters.AddWithValue("$reason", "condition cleared: " + outcome.Summary);
        update.Parameters.AddWithValue("$now", Timestamp.Format(nowUtc));
        update.ExecuteNonQuery();
        return new AlertChange(open.Id, AlertChangeKind.Resolved, outcome.RuleId, open.Level, open.Summary, "");
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _findOpen.Transaction;
        return command;
    }

    private List<AlertEvidence> EvidenceOf(RuleOutcome outcome)
    {
        var list = new List<AlertEvidence>();
        foreach (Evidence e in outcome.Evidence.Take(MaxEvidence))
        {
            long id = long.Parse(e.ReadingKey, CultureInfo.InvariantCulture);
            list.Add(new AlertEvidence(id, CloudKeyOf(id), e.Name, e.Value, e.Unit, e.TakenUtc));
        }

        return list;
    }

    private string? ScoreJson(RuleOutcome outcome)
    {
        if (outcome.Score is not { } score)
        {
            return null;
        }

        var parameters = score.Parameters.Select(p =>
        {
            long? id = p.ReadingKey == null ? null : long.Parse(p.ReadingKey, CultureInfo.InvariantCulture);
            return new AlertScoreParameter(p.Name, p.Score, p.Value, p.Unit, id, id.HasValue ? CloudKeyOf(id.Value) : null, (int)p.Age.TotalMinutes);
        }).ToList();
        var json = new AlertScore(true, score.Total, score.Spo2Scale, score.Escalation.ToString().ToLowerInvariant(), parameters);
        return JsonSerializer.Serialize(json, AlertJson.Default.AlertScore);
    }

    /// <summary>The cloud's key of a stored reading, or null while its device address is unknown.</summary>
    private string? CloudKeyOf(long readingId)
    {
        _findKey.Parameters["$id"].Value = readingId;
        using var reader = _findKey.ExecuteReader();
        if (!reader.Read() || reader.IsDBNull(2))
        {
            return null;
        }

        return Forwarding.CloudBatchContract.KeyOf(reader.GetString(0), reader.GetInt64(1), reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetString(4));
    }

    private static AlertValue? ValueOf(RuleOutcome outcome) =>
        outcome.Worst == null ? null : new AlertValue(outcome.Worst.Name, outcome.Worst.ValueText, outcome.Worst.Unit);

    private static bool IsWorse(RuleOutcome outcome, AlertValue? candidate, AlertValue? stored)
    {
        if (candidate == null)
        {
            return false;
        }

        if (stored == null || stored.Name != candidate.Name || stored.Unit != candidate.Unit)
        {
            return true;
        }

        decimal a = decimal.Parse(candidate.Value, CultureInfo.InvariantCulture), b = decimal.Parse(stored.Value, CultureInfo.InvariantCulture);
        return outcome.WorseWhen == WorseDirection.Lower ? a < b : a > b;
    }

    private static string? Json(AlertValue? value) => value == null ? null : JsonSerializer.Serialize(value, AlertJson.Default.AlertValue);

    private sealed record OpenEpisode(string Id, int Revision, string Level, string Summary, DateTimeOffset FirstBreachUtc, DateTimeOffset LastBreachUtc,
        int BreachCount, AlertValue? Worst, List<AlertEvidence> Evidence, int? LateMinutes);
}
