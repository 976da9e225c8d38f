using System;
using System.Globalization;
using System.Linq;
using Dorset.Telehealth.Gateway.Storage;

namespace Dorset.Telehealth.Gateway.StaffConsole;

/// <summary>
/// Confirming, from a unit's page, a device the unit sees in pairing mode: through the same pairing as `units pair`,
/// as the logged-in admin, never over a device already in the slot, and only a device the unit reports now, so that
/// its kind is what its advertised service says rather than what someone typed.
/// </summary>
public static class CandidateConfirmation
{
    /// <summary>Pairs the candidate at <paramref name="address"/> into <paramref name="slot"/>; the sentence to show the admin.</summary>
    public static string Run(UnitRegistry units, string unitId, string admin, DateTimeOffset now, string? address, int? slot, bool needsBond, int? scaleUser)
    {
        if (!UnitConfig.IsValidAddress(address))
        {
            return "Not paired: the device's address must be six hex octets with colons, e.g. C0:26:DA:01:02:03.";
        }

        PairingCandidate? candidate = units.Reported(unitId).Candidates.FirstOrDefault(c => c.Address == address);
        if (candidate == null)
        {
            return $"Not paired: {unitId} does not report {address} in pairing mode now (it lists devices only while its pairing scan runs).";
        }

        if (slot == null)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Not paired: choose a slot 0..{UnitPairing.MaxSlot} for the {candidate.Kind}.");
        }

        var device = new PairedDevice(slot.Value, candidate.Address, candidate.Kind, needsBond, scaleUser);
        ConfigChange change = UnitPairing.Pair(units, unitId, device, replaceSlot: false, admin, now);
        return change.Refusal != null
            ? "Not paired: " + change.Refusal + "."
            : string.Create(CultureInfo.InvariantCulture, $"Paired the {candidate.Kind} {candidate.Address} in slot {slot}: {unitId} reads it once its new config reaches it, within seconds while it is online.");
    }
}
