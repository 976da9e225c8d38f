using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dorset.Telehealth.Gateway.Alerts;

/// <summary>
/// Settings changes written as NAME=VALUE, as `patients set` takes them and the console's settings form sends them, turned
/// into the changes <see cref="PatientSettingsStore.Set"/> validates and audits.
/// </summary>
public static class PatientSettingAssignments
{
    /// <summary>
    /// Parses NAME=VALUE pairs: VALUE is a number, true/false, a comma list for expectedDeviceKinds, or "default" to
    /// drop the override; deviceScheduleHours.KIND=H sets one device kind's schedule. Null with a one-line problem.
    /// </summary>
    public static IReadOnlyDictionary<string, JsonNode?>? Parse(IEnumerable<string> assignments, JsonObject current, out string? problem)
    {
        var changes = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        JsonObject schedules = current["deviceScheduleHoursByKind"] is JsonObject existing ? (JsonObject)existing.DeepClone() : new JsonObject();
        bool schedulesChanged = false;
        foreach (string assignment in assignments)
        {
            int equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                problem = $"'{assignment}' is not NAME=VALUE (e.g. spo2Scale=2)";
                return null;
            }

            string name = assignment[..equals].Trim();
            string value = assignment[(equals + 1)..].Trim();
            if (name.StartsWith("deviceScheduleHours.", StringComparison.Ordinal))
            {
                string kind = name["deviceScheduleHours.".Length..];
                schedules.Remove(kind);
                if (value != "default")
                {
                    schedules[kind] = Value(value);
                }

                schedulesChanged = true;
                continue;
            }

            changes[name] = value == "default" ? null
                : name == "expectedDeviceKinds" ? new JsonArray(Array.ConvertAll(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), k => (JsonNode?)JsonValue.Create(k)))
                : Value(value);
        }

        if (schedulesChanged)
        {
            changes["deviceScheduleHoursByKind"] = schedules.Count == 0 ? null : schedules;
        }

        problem = changes.Count == 0 ? "give at least one NAME=VALUE" : null;
        return problem == null ? changes : null;
    }

    private static JsonNode? Value(string value)
    {
        try
        {
            return JsonNode.Parse(value);
        }
        catch (JsonException)
        {
            return JsonValue.Create(value);
        }
    }
}
