using System.Text.Json;
using System.Text.Json.Nodes;
using Dorset.Telehealth.Clinical.Settings;

namespace Dorset.Telehealth.Gateway.Alerts;

/// <summary>
/// A patient's settings are stored as the overrides only (a JSON object of the settings that differ from clinical.md),
/// so a patient with no overrides follows the defaults as they are revised, and the audit shows what a clinician chose.
/// </summary>
public static class PatientSettingsJson
{
    /// <summary>The settings from stored overrides (defaults for what is absent).</summary>
    /// <exception cref="JsonException">The text is not a settings object.</exception>
    public static PatientSettings Parse(string overrides)
    {
        // Overlaid on the serialised defaults, because generated deserialisers set an absent init-only property to
        // default(T) (0 %, 0 mmol/L), not to the property's initial value.
        JsonObject full = Defaults();
        foreach (var (name, value) in Overrides(overrides))
        {
            full[name] = value?.DeepClone();
        }

        return full.Deserialize(AlertJson.Default.PatientSettings) ?? PatientSettings.Default;
    }

    /// <summary>True when <paramref name="name"/> is a setting (its camelCase name).</summary>
    public static bool IsSetting(string name) => Defaults().ContainsKey(name);

    /// <summary>What a setting takes, from its default's JSON type, e.g. "a number, default 4.0".</summary>
    public static string Expects(string name)
    {
        string root = name.Split('.')[0];
        if (!Defaults().TryGetPropertyValue(root, out JsonNode? value))
        {
            return "see gateway/README.md \"Clinical alerting\"";
        }

        return value?.GetValueKind() switch
        {
            JsonValueKind.Number => "a number, default " + value.ToJsonString(),
            JsonValueKind.True or JsonValueKind.False => "true or false, default " + value.ToJsonString(),
            JsonValueKind.Object => "whole hours per device kind, e.g. deviceScheduleHours.weight-scale=24",
            _ => "a comma-separated list of device kinds, e.g. weight-scale,glucose-meter",
        };
    }

    private static JsonObject Defaults() => (JsonObject)JsonSerializer.SerializeToNode(PatientSettings.Default, AlertJson.Default.PatientSettings)!;

    /// <summary>The overrides in canonical form (camelCase names).</summary>
    public static JsonObject Overrides(string? stored) =>
        stored == null ? new JsonObject() : JsonNode.Parse(stored) as JsonObject ?? new JsonObject();
}
