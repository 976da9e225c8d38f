using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Dorset.Telehealth.Protocol.Contract;

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
    /// <summary>True for a session outcome that needs someone to act (<see cref="SessionOutcomeNames.NeedingAction"/>).</summary>
    public static bool NeedsAction(string? outcome) => outcome != null && SessionOutcomeNames.NeedsAction(outcome);

    /// <summary>The sentence, or null when no device's last session needs action (or none was reported).</summary>
    public static string? Describe(string? statusJson, string configJson)
    {
        var problems = UnitStatusDocument.Parse(statusJson).Devices.Where(d => NeedsAction(d.LastSession)).ToList();
        if (problems.Count == 0)
        {
            return null;
        }

        IReadOnlyList<PairedDevice> devices = UnitConfig.Devices(configJson);
        return string.Join("; ", problems.Select(p =>
            string.Create(CultureInfo.InvariantCulture, $"{devices.FirstOrDefault(d => d.Slot == p.Slot)?.Kind ?? "device"} (slot {p.Slot}) {p.LastSession}")));
    }
}
