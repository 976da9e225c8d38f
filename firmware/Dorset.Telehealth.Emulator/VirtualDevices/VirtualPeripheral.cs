using System;
using System.Collections.Generic;
using Dorset.Telehealth.HomeUnit.Ble;
using Dorset.Telehealth.Protocol;
using Dorset.Telehealth.Protocol.Battery;
using Dorset.Telehealth.Protocol.DeviceInformation;
using Dorset.Telehealth.Protocol.Time;

namespace Dorset.Telehealth.Emulator.VirtualDevices;

/// <summary>
/// The GATT behaviour every virtual health device shares: connection, bonding, characteristic table, CCCD
/// subscriptions, and notify/indicate to the subscribed central. A write or subscription while disconnected fails, and a
/// device that needs a bond refuses CCCD and control point writes until the link is encrypted with a bond (real meters
/// answer ATT 0x05/0x0F). The device keeps its bond key, as a meter keeps it in its memory: a central that presents the
/// same key on a later connection is encrypted again at once, while one that lost it must pair anew, which a meter out
/// of pairing mode refuses.
/// </summary>
public abstract class VirtualPeripheral(string address, ushort service, string name) : IBleConnection
{
    private readonly Dictionary<ushort, CharacteristicValueHandler> _subscriptions = [];
    private readonly object _gate = new();
    private string? _bondKey;
    private string? _presentedKey;
    private BondKeeper? _keepKey;

    /// <summary>The device's Bluetooth address.</summary>
    public string Address { get; } = address;

    /// <summary>How its address is dialled: a device with a random address never answers a central dialling it as public.</summary>
    public BleAddressType AddressType { get; init; } = BleAddressType.Public;

    /// <summary>The primary service it advertises.</summary>
    public ushort Service { get; } = service;

    /// <summary>The advertised name.</summary>
    public string Name { get; } = name;

    /// <summary>True when the name is sent only in the scan response (a packet of its own), as many devices do.</summary>
    public bool NameInScanResponse { get; init; }

    /// <summary>True when the device refuses subscriptions and control point writes until bonded (a meter setting).</summary>
    public bool RequiresBond { get; set; }

    /// <summary>
    /// True while the device takes a new bond (pairing mode). A meter that has bonded usually leaves pairing mode and
    /// then only talks to a central that still has the keys.
    /// </summary>
    public bool AcceptsNewBond { get; set; } = true;

    /// <summary>False when the device is out of range or switched off.</summary>
    public bool InRange { get; set; } = true;

    /// <summary>True while the current link is encrypted with a bond.</summary>
    public bool Bonded { get; private set; }

    /// <summary>Bonds made over the device's life (a repeat means the unit had lost the previous one).</summary>
    public int BondsMade { get; private set; }

    /// <inheritdoc/>
    public bool IsConnected { get; private set; }

    /// <summary>The characteristics this device has (UUID to service UUID).</summary>
    protected abstract IReadOnlyDictionary<ushort, ushort> Characteristics { get; }

    /// <summary>Connects a central that holds no bond with this device; false when out of range.</summary>
    public bool Accept() => Accept(null, null);

    /// <summary>
    /// Connects a central that presents <paramref name="centralKey"/> (the bond key it kept for this device, or null)
    /// and keeps a new key through <paramref name="keepKey"/>; false when out of range.
    /// </summary>
    public bool Accept(string? centralKey, BondKeeper? keepKey)
    {
        lock (_gate)
        {
            _subscriptions.Clear();
            _presentedKey = centralKey;
            _keepKey = keepKey;
            Bonded = false;
            IsConnected = InRange;
            return IsConnected;
        }
    }

    /// <summary>
    /// True for a device that only bonds when a PIN it displays is typed on the central: a unit, with no keypad,
    /// can never bond with it.
    /// </summary>
    public bool NeedsPinEntry { get; set; }

    /// <inheritdoc/>
    public bool Pair()
    {
        if (!IsConnected || NeedsPinEntry)
        {
            return false;
        }

        if (_bondKey != null && _presentedKey == _bondKey)
        {
            Bonded = true;
            return true;
        }

        if (!AcceptsNewBond)
        {
            return false;
        }

        _bondKey = Guid.NewGuid().ToString("N");
        _presentedKey = _bondKey;
        _keepKey?.Invoke(Address, _bondKey);
        BondsMade++;
        Bonded = true;
        return true;
    }

    /// <summary>Battery level the device reports (Battery Service).</summary>
    public int BatteryPercent { get; set; } = 80;

    /// <summary>The time the unit last wrote to the device's clock (Current Time or Date Time), or null.</summary>
    public DeviceTime? ClockSetTo { get; private set; }

    /// <inheritdoc/>
    public bool HasCharacteristic(ushort service, ushort characteristic) =>
        (Characteristics.TryGetValue(characteristic, out ushort owner) && owner == service)
        || (Common.TryGetValue(characteristic, out ushort common) && common == service);

    /// <inheritdoc/>
    public byte[] Read(ushort service, ushort characteristic)
    {
        if (!IsConnected || !HasCharacteristic(service, characteristic))
        {
            return null!;
        }

        return characteristic switch
        {
            GattUuids.BatteryLevel => BatteryLevelEncoder.Encode(BatteryPercent),
            GattUuids.ManufacturerName => DeviceInformationString.Encode("Dorset Virtual Devices"),
            GattUuids.ModelNumber => DeviceInformationString.Encode(Name),
            GattUuids.FirmwareRevision => DeviceInformationString.Encode("1.0.0"),
            _ => ReadValue(characteristic),
        };
    }

    /// <summary>Battery and Device Information every device has (and the clock characteristic each kind offers).</summary>
    private static readonly Dictionary<ushort, ushort> Common = new()
    {
        [GattUuids.BatteryLevel] = GattUuids.BatteryService,
        [GattUuids.ManufacturerName] = GattUuids.DeviceInformationService,
        [GattUuids.ModelNumber] = GattUuids.DeviceInformationService,
        [GattUuids.FirmwareRevision] = GattUuids.DeviceInformationService,
    };

    /// <summary>Records a clock write the device accepts (Current Time or Date Time); false when the value is invalid.</summary>
    protected bool AcceptClock(byte[] value)
    {
        if (value.Length >= DeviceTime.Size && DateTimeDecoder.TryDecode(value, 0, DeviceTime.Size, out DeviceTime time, out _))
        {
            ClockSetTo = time;
            return true;
        }

        return false;
    }

    /// <inheritdoc/>
    public bool Write(ushort service, ushort characteristic, byte[] value)
    {
        if (!IsConnected || !HasCharacteristic(service, characteristic) || (RequiresBond && !Bonded))
        {
            return false;
        }

        return OnWrite(characteristic, value);
    }

    /// <inheritdoc/>
    public bool Subscribe(ushort service, ushort characteristic, bool indicate, CharacteristicValueHandler handler)
    {
        if (!IsConnected || !HasCharacteristic(service, characteristic) || (RequiresBond && !Bonded))
        {
            return false;
        }

        lock (_gate)
        {
            _subscriptions[characteristic] = handler;
        }

        OnSubscribed(characteristic);
        return true;
    }

    /// <inheritdoc/>
    public void Disconnect()
    {
        lock (_gate)
        {
            IsConnected = false;
            _subscriptions.Clear();
        }
    }

    /// <summary>True when the central subscribed to <paramref name="characteristic"/>.</summary>
    protected bool IsSubscribed(ushort characteristic)
    {
        lock (_gate)
        {
            return IsConnected && _subscriptions.ContainsKey(characteristic);
        }
    }

    /// <summary>Sends a value to the subscribed central; false when not subscribed or disconnected.</summary>
    protected bool Send(ushort characteristic, byte[] value)
    {
        CharacteristicValueHandler? handler;
        lock (_gate)
        {
            if (!IsConnected || !_subscriptions.TryGetValue(characteristic, out handler))
            {
                return false;
            }
        }

        handler(characteristic, value);
        return true;
    }

    /// <summary>The value of a readable characteristic.</summary>
    protected virtual byte[] ReadValue(ushort characteristic) => null!;

    /// <summary>Called once the central has enabled notifications or indications of <paramref name="characteristic"/>.</summary>
    protected virtual void OnSubscribed(ushort characteristic)
    {
    }

    /// <summary>Handles a write to a writable characteristic (a control point).</summary>
    protected virtual bool OnWrite(ushort characteristic, byte[] value) => false;
}
