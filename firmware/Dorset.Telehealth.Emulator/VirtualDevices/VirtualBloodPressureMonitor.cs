using System.Collections.Generic;
using Dorset.Telehealth.Protocol;
using Dorset.Telehealth.Protocol.BloodPressure;

namespace Dorset.Telehealth.Emulator.VirtualDevices;

/// <summary>
/// A blood pressure cuff (BLS 1.1): on connection it indicates every stored record on 0x2A35, error records (all-NaN
/// pressures) included, as the A&amp;D UA-651BLE does.
/// </summary>
public sealed class VirtualBloodPressureMonitor(string address) : VirtualPushDevice(address, GattUuids.BloodPressureService, "Virtual BP")
{
    private static readonly Dictionary<ushort, ushort> Table = new()
    {
        [GattUuids.BloodPressureMeasurement] = GattUuids.BloodPressureService,
        [GattUuids.IntermediateCuffPressure] = GattUuids.BloodPressureService,
    };

    /// <inheritdoc/>
    protected override IReadOnlyDictionary<ushort, ushort> Characteristics => Table;

    /// <summary>Stores a measurement for the next connection.</summary>
    public void Measure(BloodPressureMeasurement measurement) => Queue(GattUuids.BloodPressureMeasurement, BloodPressureMeasurementCodec.Encode(measurement));
}
