using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace Dorset.Telehealth.Gateway.Storage;

/// <summary>
/// What hub staff should look at for a unit, from its last status document: each paired device whose last session
/// ended in a way that needs someone to act (firmware/PROTOCOL.md "Status", "sessions"), named by its kind from the
/// unit's config, e.g. "glucose-meter (slot 0) bond-failed". A meter that cannot bond otherwise shows only as readings
/// that do not arrive. Unreachable, disconnected and timed-out are not listed: health devices sleep between uses, so
/// those are what a unit sees most of the day, and a column full of them would teach staff to ignore it.
/// </summary>
public static class UnitAttention
{
    private static readonly string[] s_actionable = { "bond-failed", "refused", "device-error", "outbox-full", "unit-fault" };

    /// <summary>The sentence, or null when no device's last session needs action (or none was reported).</summary>
    public static string? Describe(string? statusJson, string configJson)
    {
        if (statusJson == null)
        {
            return null;
        }

        var problems = new List<string>();
        try
        {
            using JsonDocument doc = JsonDocument.Parse(statusJson);
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("sessions", out JsonElement sessions) || sessions.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            IReadOnlyList<PairedDevice> devices = UnitConfig.Devices(configJson);
            foreach (JsonElement session in sessions.EnumerateArray())
            {
                if (session.ValueKind == JsonValueKind.Object
                    && session.TryGetProperty("slot", out JsonElement slot) && slot.TryGetInt32(out int number)
                    && session.TryGetProperty("last", out JsonElement last) && last.ValueKind == JsonValueKind.String
                    && last.GetString() is string outcome && s_actionable.Contains(outcome))
                {
                    string kind = devices.FirstOrDefault(d => d.Slot == number)?.Kind ?? "device";
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{kind} (slot {number}) {outcome}"));
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }
}
