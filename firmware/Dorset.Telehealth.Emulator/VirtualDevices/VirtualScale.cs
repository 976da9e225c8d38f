using System.Collections.Generic;
using Dorset.Telehealth.Protocol;
using Dorset.Telehealth.Protocol.Weight;

namespace Dorset.Telehealth.Emulator.VirtualDevices;

/// <summary>A weight scale (WSS 1.0): each weighing is indicated on 0x2A9D, SI or imperial, with user id and BMI if set; its clock is Date Time 0x2A08 in its own service, as the A&amp;D UC-352BLE has it.</summary>
public sealed class VirtualScale(string address) : VirtualPushDevice(address, GattUuids.WeightScaleService, "Virtual Scale")
{
    private static readonly Dictionary<ushort, ushort> Table = new()
    {
        [GattUuids.WeightMeasurement] = GattUuids.WeightScaleService,
        [GattUuids.WeightScaleFeature] = GattUuids.WeightScaleService,
        [GattUuids.DateTime] = GattUuids.WeightScaleService,
    };

    /// <inheritdoc/>
    protected override IReadOnlyDictionary<ushort, ushort> Characteristics => Table;

    /// <summary>The patient steps on the scale.</summary>
    public void Weigh(WeightMeasurement measurement) => Queue(GattUuids.WeightMeasurement, WeightMeasurementCodec.Encode(measurement));

    /// <inheritdoc/>
    protected override bool OnWrite(ushort characteristic, byte[] value) => characteristic == GattUuids.DateTime && AcceptClock(value);

    /// <inheritdoc/>
    protected override byte[] ReadValue(ushort characteristic) =>
        characteristic == GattUuids.WeightScaleFeature ? WeightScaleFeature.Encode(0x7 | (7u << 3) | (3u << 7)) : null!;
}
