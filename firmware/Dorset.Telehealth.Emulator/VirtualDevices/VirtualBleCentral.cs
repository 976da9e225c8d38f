using System.Collections.Generic;
using Dorset.Telehealth.HomeUnit.Ble;

namespace Dorset.Telehealth.Emulator.VirtualDevices;

/// <summary>The radio, simulated: a room of virtual devices the unit can scan for and connect to.</summary>
public sealed class VirtualBleCentral : IBleCentral
{
    private readonly Dictionary<string, VirtualPeripheral> _devices = new(System.StringComparer.OrdinalIgnoreCase);

    /// <summary>Puts a device in range of the unit.</summary>
    public void Add(VirtualPeripheral device) => _devices[device.Address] = device;

    /// <summary>Connections made (for tests).</summary>
    public int Connections { get; private set; }

    /// <inheritdoc/>
    public void StartScan(AdvertisementHandler handler)
    {
        foreach (VirtualPeripheral device in _devices.Values)
        {
            if (device.InRange)
            {
                handler(new BleAdvertisement(device.Address, -60, [device.Service], device.Name));
            }
        }
    }

    /// <inheritdoc/>
    public void StopScan()
    {
    }

    /// <inheritdoc/>
    public IBleConnection Connect(string address, ushort primaryService)
    {
        if (!_devices.TryGetValue(address, out VirtualPeripheral? device) || device.Service != primaryService || !device.Accept())
        {
            return null!;
        }

        Connections++;
        return device;
    }
}
