using System;
using System.Collections.Generic;
using System.Linq;
using Dorset.Telehealth.HomeUnit.Ble;

namespace Dorset.Telehealth.Emulator.VirtualDevices;

/// <summary>
/// The unit's radio, simulated: a room of virtual devices the unit can scan for and connect to, with the limits of
/// the ESP32's stack. A scan hears each device in range once (the stack filters duplicates until the scan restarts),
/// and a name sent in a scan response comes as a packet of its own; the radio cannot connect while it scans; a device
/// is reached only when dialled with its own address type; the unit's side of each bond is kept in a
/// <see cref="BondStore"/>. <see cref="RadioFailures"/> makes connects throw as nanoFramework does when the NimBLE
/// stack fails to restart.
/// </summary>
public sealed class VirtualBleCentral(BondStore bonds) : IBleCentral
{
    private readonly Dictionary<string, VirtualPeripheral> _devices = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _dials = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _gate = new();
    private AdvertisementHandler? _scan;
    private VirtualPeripheral? _connected;

    /// <summary>A radio whose bonds live in RAM only.</summary>
    public VirtualBleCentral()
        : this(BondStore.InRamOnly())
    {
    }

    /// <summary>Puts a device in range of the unit.</summary>
    public void Add(VirtualPeripheral device)
    {
        lock (_gate)
        {
            _devices[device.Address] = device;
        }
    }

    /// <summary>Connections made (for tests).</summary>
    public int Connections { get; private set; }

    /// <summary>Connects tried to <paramref name="address"/>, made or not (for tests: a device that is away should cost none).</summary>
    public int Dials(string address)
    {
        lock (_gate)
        {
            return _dials.TryGetValue(address, out int dials) ? dials : 0;
        }
    }

    /// <summary>Connects tried while the scan was running (the stack refuses them as busy; the unit must never try).</summary>
    public int ConnectsWhileScanning { get; private set; }

    /// <summary>Scans started while a device was connected (the stack cannot do both; the unit must never try).</summary>
    public int ScansWhileConnected { get; private set; }

    /// <summary>True while a scan runs.</summary>
    public bool IsScanning => _scan != null;

    /// <summary>How many of the next connects throw, as a failed restart of the NimBLE stack does on the ESP32.</summary>
    public int RadioFailures { get; set; }

    /// <inheritdoc/>
    public void StartScan(AdvertisementHandler handler)
    {
        List<VirtualPeripheral> inRange;
        lock (_gate)
        {
            if (_connected is { IsConnected: true })
            {
                ScansWhileConnected++;
            }

            _scan = handler;
            inRange = _devices.Values.Where(d => d.InRange).ToList();
        }

        foreach (VirtualPeripheral device in inRange)
        {
            handler(new BleAdvertisement(device.Address, device.AddressType, -60, [device.Service], device.NameInScanResponse ? null! : device.Name));
            if (device.NameInScanResponse)
            {
                handler(new BleAdvertisement(device.Address, device.AddressType, -60, [], device.Name));
            }
        }
    }

    /// <inheritdoc/>
    public void StopScan()
    {
        lock (_gate)
        {
            _scan = null;
        }
    }

    /// <inheritdoc/>
    public IBleConnection Connect(string address, BleAddressType addressType, ushort primaryService)
    {
        VirtualPeripheral? device;
        lock (_gate)
        {
            _dials[address] = Dials(address) + 1;
            if (RadioFailures > 0)
            {
                RadioFailures--;
                throw new InvalidOperationException("the Bluetooth stack did not start");
            }

            if (_scan != null)
            {
                ConnectsWhileScanning++;
                return null!;
            }

            if (!_devices.TryGetValue(address, out device) || device.Service != primaryService || device.AddressType != addressType)
            {
                return null!;
            }
        }

        if (!device.Accept(bonds.KeyFor(device.Address), bonds.Keep))
        {
            return null!;
        }

        lock (_gate)
        {
            _connected = device;
            Connections++;
        }

        return device;
    }
}
