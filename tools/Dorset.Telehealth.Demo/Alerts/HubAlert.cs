using System.Collections.Generic;
using System.Text.Json;

namespace Dorset.Telehealth.Demo.Alerts;

/// <summary>One alert as the gateway's `GET /api/alerts` lists it: only what the demo reports.</summary>
/// <param name="Id">The alert id (for `alerts ack`).</param>
/// <param name="RuleId">The rule that raised it, e.g. home-oximetry-spo2.</param>
/// <param name="Level">info, amber, red or red-urgent.</param>
/// <param name="State">open, acknowledged or resolved.</param>
/// <param name="UnitId">The unit it was raised for.</param>
/// <param name="Late">Raised by a reading that reached the hub an hour or more after it was taken (LED, no buzzer).</param>
public sealed record HubAlert(string Id, string RuleId, string Level, string State, string UnitId, bool Late)
{
    /// <summary>The alerts of the API's JSON array (camelCase AlertRecord).</summary>
    public static IReadOnlyList<HubAlert> ParseList(string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        var alerts = new List<HubAlert>();
        foreach (JsonElement a in doc.RootElement.EnumerateArray())
        {
            alerts.Add(new HubAlert(Text(a, "id"), Text(a, "ruleId"), Text(a, "level"), Text(a, "state"), Text(a, "unitId"),
                a.TryGetProperty("lateMinutes", out JsonElement late) && late.ValueKind == JsonValueKind.Number));
        }

        return alerts;
    }

    private static string Text(JsonElement alert, string name) => alert.GetProperty(name).GetString() ?? "";
}
