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
/// those are what a unit sees most of the day, and a column full of them would teach staff to ignore it. Poison
/// records are listed too (firmware/PROTOCOL.md "Poison records"): readings the unit dead-lettered and frames of it
/// the hub quarantined, each a reading that reached no one.
/// </summary>
public static class UnitAttention
{
    /// <summary>True for a session outcome that needs someone to act (<see cref="SessionOutcomeNames.NeedingAction"/>).</summary>
    public static bool NeedsAction(string? outcome) => outcome != null && SessionOutcomeNames.NeedsAction(outcome);

    /// <summary>
    /// The sentence, or null when nothing needs action: no device's last session, no dead-lettered reading, no
    /// quarantined frame (<paramref name="quarantined"/>, the unit's frames in the hub's quarantine).
    /// </summary>
    public static string? Describe(string? statusJson, string configJson, long quarantined = 0)
    {
        UnitStatusDocument status = UnitStatusDocument.Parse(statusJson);
        IReadOnlyList<PairedDevice> devices = UnitConfig.Devices(configJson);
        var problems = status.Devices.Where(d => NeedsAction(d.LastSession)).Select(p =>
            string.Create(CultureInfo.InvariantCulture, $"{devices.FirstOrDefault(d => d.Slot == p.Slot)?.Kind ?? "device"} (slot {p.Slot}) {p.LastSession}")).ToList();
        if (status.DeadLettered > 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{status.DeadLettered} reading(s) dead-lettered on the unit (a firmware fault: kept in its deadletter.log, never sent)"));
        }

        if (quarantined > 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{quarantined} frame(s) quarantined at the hub (did not decode: see quarantine)"));
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }
}
