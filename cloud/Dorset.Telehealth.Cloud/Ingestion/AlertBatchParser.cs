using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Dorset.Telehealth.Cloud.Ingestion;

/// <summary>A parsed alerts batch: the optional claimed gateway id and the validated alert revisions in request order.</summary>
public sealed record ParsedAlertBatch(string? GatewayId, IReadOnlyList<BatchAlert> Alerts);

/// <summary>
/// Validates an alerts batch against cloud/README.md "Alerts contract (v1)". As for readings, the whole batch is
/// checked before anything is stored, and the first bad item is named with the JSON path of its bad property.
/// </summary>
public static partial class AlertBatchParser
{
    /// <summary>Alert levels, least to most severe.</summary>
    public static readonly IReadOnlyList<string> Levels = new[] { "info", "amber", "red", "red-urgent" };

    /// <summary>Alert states.</summary>
    public static readonly IReadOnlyList<string> States = new[] { "open", "acknowledged", "resolved" };

    /// <summary>Partial NEWS2 escalations (clinical.md: urgent review within 1 h, emergency assessment within 30 min).</summary>
    public static readonly IReadOnlyList<string> Escalations = new[] { "none", "urgent", "emergency" };

    /// <summary>The NEWS2 parameters a home can measure; supplemental oxygen is reported by the patient or hub.</summary>
    public static readonly IReadOnlyList<string> ScoreParameters = new[] { "spo2", "pulse", "systolic", "oxygen" };

    /// <summary>Parses and validates <paramref name="body"/>.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> body, int maxAlerts, out ParsedAlertBatch? batch, out BatchError? error)
    {
        bool ok = BatchEnvelope.TryParse(body, "alerts", maxAlerts, ReadItem, a => (a.Identity, "revision"), out string? gatewayId,
            out IReadOnlyList<BatchAlert>? alerts, out error);
        batch = ok ? new ParsedAlertBatch(gatewayId, alerts!) : null;
        return ok;
    }

    private static BatchAlert? ReadItem(int index, JsonElement item, out BatchError? error)
    {
        var reader = new AlertReader(index, item);
        BatchAlert? alert = reader.Read();
        error = reader.Error;
        return alert;
    }

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex AlertIdPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex RuleIdPattern();

    /// <summary>Reads one alert; on the first problem stops and keeps it in <see cref="ItemFieldReader.Error"/>.</summary>
    private sealed class AlertReader : ItemFieldReader
    {
        public AlertReader(int index, JsonElement item)
            : base("alerts", index, item)
        {
        }

        public BatchAlert? Read()
        {
            if (Item.ValueKind != JsonValueKind.Object)
            {
                return Fail("", "each alert must be a JSON object");
            }

            if (!String(Item, "alertId", true, out string? alertId))
            {
                return null;
            }

            if (!AlertIdPattern().IsMatch(alertId!))
            {
                return Fail("alertId", "alertId must be a lower-case canonical UUID, e.g. 3f2a7c1e-5b9d-4e8f-a1c2-0d9e8f7a6b5c");
            }

            Key = alertId;
            if (!Integer(Item, "revision", 1, int.MaxValue, true, out long? revision)
                || !String(Item, "ruleId", true, out string? ruleId))
            {
                return null;
            }

            if (!RuleIdPattern().IsMatch(ruleId!))
            {
                return Fail("ruleId", "ruleId must match ^[a-z0-9][a-z0-9-]{0,63}$");
            }

            if (!Integer(Item, "ruleVersion", 1, 1000, true, out long? ruleVersion)
                || !Choice(Item, "level", Levels, true, out string? level)
                || !Choice(Item, "state", States, true, out string? state)
                || !Text(Item, "summary", 1, 300, true, out string? summary)
                || !String(Item, "unitId", true, out string? unitId))
            {
                return null;
            }

            if (!ContractPatterns.UnitId().IsMatch(unitId!))
            {
                return Fail("unitId", "unitId must be 1..64 characters of A-Z a-z 0-9 _ -");
            }

            if (!Text(Item, "patientRef", 1, 64, false, out string? patientRef)
                || !UtcTime(Item, "firstBreachAt", true, out DateTimeOffset? first)
                || !UtcTime(Item, "lastBreachAt", true, out DateTimeOffset? last))
            {
                return null;
            }

            if (last < first)
            {
                return Fail("lastBreachAt", "lastBreachAt must not be before firstBreachAt");
            }

            if (!Integer(Item, "breachCount", 1, int.MaxValue, true, out long? breachCount)
                || !Integer(Item, "lateMinutes", 0, int.MaxValue, false, out long? lateMinutes)
                || !ReadWorst(out AlertQuantity? worst)
                || !ReadReadings(out List<AlertReading>? readings)
                || !ReadScore(ruleId!, out AlertScore? score)
                || !ReadAcknowledged(state!, out AlertAcknowledgement? acknowledged)
                || !ReadResolved(state!, out AlertResolution? resolved))
            {
                return null;
            }

            return new BatchAlert
            {
                AlertId = alertId!,
                Revision = (int)revision!.Value,
                RuleId = ruleId!,
                RuleVersion = (int)ruleVersion!.Value,
                Level = level!,
                State = state!,
                Summary = summary!,
                UnitId = unitId!,
                PatientRef = patientRef,
                FirstBreachAt = first!.Value,
                LastBreachAt = last!.Value,
                BreachCount = (int)breachCount!.Value,
                LateMinutes = (int?)lateMinutes,
                Worst = worst,
                Readings = readings!,
                Score = score,
                Acknowledged = acknowledged,
                Resolved = resolved,
            };
        }

        private bool ReadWorst(out AlertQuantity? worst)
        {
            worst = null;
            if (!OptionalObject(Item, "worst", out JsonElement w, out bool present))
            {
                return false;
            }

            if (!present)
            {
                return true;
            }

            if (!Text(w, "name", 1, 64, true, out string? name, "worst.") || !ExactDecimal(w, "value", out string? value, "worst.")
                || !Text(w, "unit", 1, 32, true, out string? unit, "worst."))
            {
                return false;
            }

            worst = new AlertQuantity(name!, value!, unit!);
            return true;
        }

        private bool ReadReadings(out List<AlertReading>? readings)
        {
            readings = null;
            if (!Array(Item, "readings", 50, out JsonElement array))
            {
                return false;
            }

            var list = new List<AlertReading>();
            int i = 0;
            foreach (JsonElement r in array.EnumerateArray())
            {
                string prefix = $"readings[{i}].";
                if (r.ValueKind != JsonValueKind.Object)
                {
                    return Record($"readings[{i}]", "each reading must be an object {key, name, value, unit}");
                }

                string? value = null;
                bool noNumber = r.TryGetProperty("value", out JsonElement given) && given.ValueKind == JsonValueKind.Null;
                if (!ReadingKeyOf(r, "key", true, prefix, out string? key) || !Text(r, "name", 1, 64, true, out string? name, prefix)
                    || (!noNumber && !ExactDecimal(r, "value", out value, prefix)) || !Text(r, "unit", 1, 32, true, out string? unit, prefix))
                {
                    return false;
                }

                list.Add(new AlertReading(key!, name!, value, unit!));
                i++;
            }

            readings = list;
            return true;
        }

        private bool ReadScore(string ruleId, out AlertScore? score)
        {
            score = null;
            if (!OptionalObject(Item, "score", out JsonElement s, out bool present))
            {
                return false;
            }

            // The FHIR layer serves news2-partial alerts as early-warning-score Observations: a score must be there to serve.
            bool news2 = ruleId == BatchAlert.News2PartialRule;
            if (present != news2)
            {
                return Record("score", news2 ? "a news2-partial alert needs its score" : "only news2-partial alerts carry a score (null otherwise)");
            }

            if (!present)
            {
                return true;
            }

            if (!s.TryGetProperty("partial", out JsonElement partial) || partial.ValueKind != JsonValueKind.True)
            {
                return Record("score.partial", "score.partial must be true: a home never measures a full NEWS2");
            }

            if (!Integer(s, "total", 0, 20, true, out long? total, "score.")
                || !Choice(s, "escalation", Escalations, true, out string? escalation, "score.")
                || !Array(s, "parameters", ScoreParameters.Count, out JsonElement array, "score."))
            {
                return false;
            }

            var parameters = new List<ScoreParameter>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            int sum = 0;
            int i = 0;
            foreach (JsonElement p in array.EnumerateArray())
            {
                if (!ReadParameter(p, $"score.parameters[{i}].", out ScoreParameter? parameter))
                {
                    return false;
                }

                if (!names.Add(parameter!.Name))
                {
                    return Record($"score.parameters[{i}].name", $"parameter {parameter.Name} repeated");
                }

                sum += parameter.Score;
                parameters.Add(parameter);
                i++;
            }

            if (parameters.Count == 0)
            {
                return Record("score.parameters", "a partial score names at least one parameter");
            }

            // A total that is not the sum of its parameters is a corrupt score; shown to a clinician it would mislead.
            if (total != sum)
            {
                return Record("score.total", $"score.total {total} is not the sum of the parameter scores ({sum})");
            }

            score = new AlertScore(true, sum, escalation!, parameters);
            return true;
        }

        private bool ReadParameter(JsonElement p, string prefix, out ScoreParameter? parameter)
        {
            parameter = null;
            if (p.ValueKind != JsonValueKind.Object)
            {
                return Record(prefix.TrimEnd('.'), "each parameter must be an object");
            }

            if (!Choice(p, "name", ScoreParameters, true, out string? name, prefix)
                || !Integer(p, "scale", 1, 2, name == "spo2", out long? scale, prefix)
                || !Integer(p, "score", 0, 3, true, out long? score, prefix))
            {
                return false;
            }

            if (name != "spo2" && scale != null)
            {
                return Record(prefix + "scale", "scale is only for the spo2 parameter");
            }

            string? value;
            if (name == "oxygen")
            {
                // Supplemental oxygen is a yes/no parameter (NEWS2: "air or oxygen"), not a measured quantity.
                if (!Choice(p, "value", new[] { "true", "false" }, true, out value, prefix))
                {
                    return false;
                }
            }
            else if (!ExactDecimal(p, "value", out value, prefix))
            {
                return false;
            }

            if (!Text(p, "unit", 1, 32, false, out string? unit, prefix)
                || !Integer(p, "ageMinutes", 0, int.MaxValue, false, out long? age, prefix)
                || !ReadingKeyOf(p, "readingKey", false, prefix, out string? readingKey))
            {
                return false;
            }

            parameter = new ScoreParameter(name!, (int?)scale, (int)score!.Value, value!, unit, (int?)age, readingKey);
            return true;
        }

        private bool ReadAcknowledged(string state, out AlertAcknowledgement? acknowledged)
        {
            acknowledged = null;
            if (!OptionalObject(Item, "acknowledged", out JsonElement a, out bool present))
            {
                return false;
            }

            if (!present)
            {
                return state != "acknowledged" || Record("acknowledged", "an acknowledged alert needs acknowledged {by, at, note}");
            }

            if (state == "open")
            {
                return Record("acknowledged", "an open alert has no acknowledgement (state must be acknowledged or resolved)");
            }

            if (!Text(a, "by", 1, 64, true, out string? by, "acknowledged.") || !UtcTime(a, "at", true, out DateTimeOffset? at, "acknowledged.")
                || !Text(a, "note", 0, 1000, false, out string? note, "acknowledged."))
            {
                return false;
            }

            acknowledged = new AlertAcknowledgement(by!, at!.Value, note);
            return true;
        }

        private bool ReadResolved(string state, out AlertResolution? resolved)
        {
            resolved = null;
            if (!OptionalObject(Item, "resolved", out JsonElement r, out bool present))
            {
                return false;
            }

            if (present != (state == "resolved"))
            {
                return Record("resolved", present ? "only a resolved alert carries resolved" : "a resolved alert needs resolved {at, reason}");
            }

            if (!present)
            {
                return true;
            }

            if (!UtcTime(r, "at", true, out DateTimeOffset? at, "resolved.") || !Text(r, "reason", 1, 300, true, out string? reason, "resolved."))
            {
                return false;
            }

            resolved = new AlertResolution(at!.Value, reason!);
            return true;
        }

        private bool ReadingKeyOf(JsonElement parent, string name, bool required, string prefix, out string? key)
        {
            if (!String(parent, name, required, out key, prefix, nullable: !required))
            {
                return false;
            }

            return key == null || ReadingKey.IsCanonical(key, out string why)
                || Record(prefix + name, $"'{key}' is not a reading key of the readings contract: {why}");
        }

        private BatchAlert? Fail(string field, string detail)
        {
            Record(field, detail);
            return null;
        }
    }
}
