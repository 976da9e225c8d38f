using System.Collections.Generic;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.Extensions.Logging;

namespace Dorset.Telehealth.Gateway.Forwarding;

/// <summary>
/// v1 readings stored before their slot was paired carry no device address and are held; once the unit config names
/// the slot's device they get its address and can be forwarded. Each held slot is logged once, not on every batch.
/// </summary>
public sealed class HeldReadingAddresses
{
    private readonly IOutbox _outbox;
    private readonly PairedDeviceDirectory _devices;
    private readonly ILogger _logger;
    private readonly HashSet<(string, int)> _heldLogged = new();

    /// <summary>Creates the resolver.</summary>
    public HeldReadingAddresses(IOutbox outbox, PairedDeviceDirectory devices, ILogger logger)
    {
        _outbox = outbox;
        _devices = devices;
        _logger = logger;
    }

    /// <summary>Gives every held slot whose device is now paired that device's address.</summary>
    public void Resolve()
    {
        foreach (var (unit, slot) in _outbox.UnaddressedSlots())
        {
            PairedDevice? device = _devices.Find(unit, slot);
            if (device != null)
            {
                int assigned = _outbox.AssignAddress(unit, slot, device.Address, device.Kind);
                _heldLogged.Remove((unit, slot));
                _logger.LogInformation("{Count} readings of {Unit} slot {Slot} now carry device {Address} and can be forwarded", assigned, unit, slot, device.Address);
            }
            else if (_heldLogged.Add((unit, slot)))
            {
                _logger.LogWarning("readings of {Unit} slot {Slot} are held: the unit config names no device in that slot (units pair)", unit, slot);
            }
        }
    }
}
