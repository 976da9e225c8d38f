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
        var full = (JsonObject)JsonSerializer.SerializeToNode(PatientSettings.Default, AlertJson.Default.PatientSettings)!;
        foreach (var (name, value) in Overrides(overrides))
        {
            full[name] = value?.DeepClone();
        }

        return full.Deserialize(AlertJson.Default.PatientSettings) ?? PatientSettings.Default;
    }

    /// <summary>The overrides in canonical form (camelCase names).</summary>
    public static JsonObject Overrides(string? stored) =>
        stored == null ? new JsonObject() : JsonNode.Parse(stored) as JsonObject ?? new JsonObject();
}
