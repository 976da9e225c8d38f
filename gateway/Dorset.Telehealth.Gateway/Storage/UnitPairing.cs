using System;
using System.Globalization;
using System.Linq;

namespace Dorset.Telehealth.Gateway.Storage;

/// <summary>
/// Pairing a device into a unit slot and removing it, for `units pair` and the console's confirm alike: the checks, and
/// the audited change of the unit's config. The broker publishes the changed config retained within seconds, and the
/// unit reads only the devices listed there (firmware/PROTOCOL.md "Config").
/// </summary>
public static class UnitPairing
{
    /// <summary>
    /// The highest slot: the reading frame names a slot in 4 bits, and the unit refuses a whole config that lists a slot
    /// above it (it would keep reading its old devices and none of the new).
    /// </summary>
    public const int MaxSlot = 15;

    /// <summary>The audit action of a pairing.</summary>
    public const string PairAction = "unit.pair";

    /// <summary>The audit action of a removal.</summary>
    public const string UnpairAction = "unit.unpair";

    /// <summary>Why <paramref name="device"/> cannot be paired as given, in one line naming the problem; null when it can.</summary>
    public static string? Problem(PairedDevice device)
    {
        if (SlotProblem(device.Slot) is string slot)
        {
            return slot;
        }

        if (!UnitConfig.IsValidAddress(device.Address))
        {
            return "the Bluetooth address must be six hex octets with colons, e.g. C0:26:DA:01:02:03";
        }

        if (!UnitConfig.Kinds.Contains(device.Kind))
        {
            return $"the kind must be one of {string.Join(", ", UnitConfig.Kinds)}";
        }

        if (device.ScaleUser is int user && (device.Kind != "weight-scale" || user is < 0 or > PairedDevice.MaxScaleUser))
        {
            return string.Create(CultureInfo.InvariantCulture, $"a scale user number is for a weight-scale only, and must be 0..{PairedDevice.MaxScaleUser} (255 means an unknown user)");
        }

        return null;
    }

    /// <summary>
    /// Pairs <paramref name="device"/> into its slot of <paramref name="unitId"/> as <paramref name="actor"/>. A device
    /// already in that slot is replaced only when <paramref name="replaceSlot"/>; a device paired in another slot is
    /// refused, since one device read twice would double its readings.
    /// </summary>
    public static ConfigChange Pair(UnitRegistry units, string unitId, PairedDevice device, bool replaceSlot, string actor, DateTimeOffset at)
    {
        if (Problem(device) is string problem)
        {
            return ConfigChange.Refused(problem);
        }

        return units.ChangeConfig(unitId, config =>
        {
            var paired = UnitConfig.Devices(config);
            if (paired.FirstOrDefault(d => d.Address == device.Address && d.Slot != device.Slot) is PairedDevice elsewhere)
            {
                return ConfigChange.Refused(string.Create(CultureInfo.InvariantCulture, $"{device.Address} is already paired in slot {elsewhere.Slot} of {unitId}"));
            }

            if (!replaceSlot && paired.FirstOrDefault(d => d.Slot == device.Slot) is PairedDevice occupant)
            {
                return ConfigChange.Refused(string.Create(CultureInfo.InvariantCulture,
                    $"slot {device.Slot} of {unitId} already holds the {occupant.Kind} {occupant.Address}; choose a free slot or remove it first (units pair --remove)"));
            }

            return ConfigChange.To(UnitConfig.WithDevice(config, device));
        }, actor, PairAction, at);
    }

    /// <summary>Removes the device in <paramref name="slot"/> of <paramref name="unitId"/> as <paramref name="actor"/>.</summary>
    public static ConfigChange Unpair(UnitRegistry units, string unitId, int slot, string actor, DateTimeOffset at)
    {
        return SlotProblem(slot) is string problem
            ? ConfigChange.Refused(problem)
            : units.ChangeConfig(unitId, config => ConfigChange.To(UnitConfig.WithoutSlot(config, slot)), actor, UnpairAction, at);
    }

    private static string? SlotProblem(int slot) => slot is < 0 or > MaxSlot
        ? string.Create(CultureInfo.InvariantCulture, $"slot must be 0..{MaxSlot} (a reading names its slot in 4 bits), not {slot}")
        : null;
}
