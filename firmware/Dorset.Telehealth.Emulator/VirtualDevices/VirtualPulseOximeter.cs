using System.Collections.Generic;
using Dorset.Telehealth.Protocol;
using Dorset.Telehealth.Protocol.PulseOximetry;

namespace Dorset.Telehealth.Emulator.VirtualDevices;

/// <summary>
/// A pulse oximeter (PLXS 1.0): spot-checks indicated on 0x2A5E, and continuous samples notified on 0x2A5F about once a
/// second while a finger is in it.
/// </summary>
public sealed class VirtualPulseOximeter(string address) : VirtualPushDevice(address, GattUuids.PulseOximeterService, "Virtual Oximeter")
{
    private static readonly Dictionary<ushort, ushort> Table = new()
    {
        [GattUuids.PlxSpotCheckMeasurement] = GattUuids.PulseOximeterService,
        [GattUuids.PlxContinuousMeasurement] = GattUuids.PulseOximeterService,
        [GattUuids.PlxFeatures] = GattUuids.PulseOximeterService,
    };

    /// <inheritdoc/>
    protected override IReadOnlyDictionary<ushort, ushort> Characteristics => Table;

    /// <summary>A spot-check measurement for the next connection.</summary>
    public void SpotCheck(PlxSpotCheck measurement) => Queue(GattUuids.PlxSpotCheckMeasurement, PlxSpotCheckCodec.Encode(measurement));

    /// <summary>A continuous sample for the next connection.</summary>
    public void Sample(PlxContinuous sample) => Queue(GattUuids.PlxContinuousMeasurement, PlxContinuousCodec.Encode(sample));

    /// <inheritdoc/>
    protected override byte[] ReadValue(ushort characteristic) =>
        characteristic == GattUuids.PlxFeatures ? new PlxFeatures { Features = 0x78 }.Encode() : null!;
}
