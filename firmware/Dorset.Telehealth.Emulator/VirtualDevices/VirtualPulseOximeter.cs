using System.Collections.Generic;
using Dorset.Telehealth.Protocol;
using Dorset.Telehealth.Protocol.PulseOximetry;
using Dorset.Telehealth.Protocol.RecordAccess;

namespace Dorset.Telehealth.Emulator.VirtualDevices;

/// <summary>
/// A pulse oximeter (PLXS 1.0): spot-checks indicated on 0x2A5E, and continuous samples notified on 0x2A5F about once a
/// second while a finger is in it, and stored spot-checks served through RACP (report all, delete all) when it has any.
/// </summary>
public sealed class VirtualPulseOximeter(string address) : VirtualPushDevice(address, GattUuids.PulseOximeterService, "Virtual Oximeter")
{
    private static readonly Dictionary<ushort, ushort> Table = new()
    {
        [GattUuids.PlxSpotCheckMeasurement] = GattUuids.PulseOximeterService,
        [GattUuids.PlxContinuousMeasurement] = GattUuids.PulseOximeterService,
        [GattUuids.PlxFeatures] = GattUuids.PulseOximeterService,
        [GattUuids.RecordAccessControlPoint] = GattUuids.PulseOximeterService,
    };

    private readonly List<PlxSpotCheck> _stored = [];

    /// <summary>Spot-checks held in the oximeter's memory for RACP retrieval.</summary>
    public int StoredCount => _stored.Count;

    /// <inheritdoc/>
    protected override IReadOnlyDictionary<ushort, ushort> Characteristics => Table;

    /// <summary>A spot-check measurement for the next connection.</summary>
    public void SpotCheck(PlxSpotCheck measurement) => Queue(GattUuids.PlxSpotCheckMeasurement, PlxSpotCheckCodec.Encode(measurement));

    /// <summary>A continuous sample for the next connection.</summary>
    public void Sample(PlxContinuous sample) => Queue(GattUuids.PlxContinuousMeasurement, PlxContinuousCodec.Encode(sample));

    /// <summary>Keeps a spot-check in memory (PLXS measurement status bit 9, "from storage", is set on it).</summary>
    public void Store(PlxSpotCheck measurement)
    {
        measurement.HasMeasurementStatus = true;
        measurement.MeasurementStatus |= PlxStatus.FromStorage;
        _stored.Add(measurement);
    }

    /// <inheritdoc/>
    protected override bool HasMoreToOffer => _stored.Count > 0;

    /// <inheritdoc/>
    protected override byte[] ReadValue(ushort characteristic) =>
        characteristic == GattUuids.PlxFeatures ? new PlxFeatures { Features = 0x78 | (_stored.Count > 0 ? PlxFeatures.SpotCheckStorage : 0) }.Encode() : null!;

    /// <inheritdoc/>
    protected override bool OnWrite(ushort characteristic, byte[] value)
    {
        if (characteristic != GattUuids.RecordAccessControlPoint || !IsSubscribed(GattUuids.RecordAccessControlPoint)
            || !RacpDecoder.TryDecode(value, 0, value.Length, out RacpValue request, out _))
        {
            return false;
        }

        RacpResponseCode code = RacpResponseCode.Success;
        if (request.Opcode == RacpOpcode.ReportStoredRecords && request.Operator == RacpOperator.AllRecords)
        {
            code = _stored.Count == 0 ? RacpResponseCode.NoRecordsFound : RacpResponseCode.Success;
            foreach (PlxSpotCheck stored in _stored)
            {
                Send(GattUuids.PlxSpotCheckMeasurement, PlxSpotCheckCodec.Encode(stored));
            }
        }
        else if (request.Opcode == RacpOpcode.DeleteStoredRecords && request.Operator == RacpOperator.AllRecords)
        {
            _stored.Clear();
        }
        else if (request.Opcode != RacpOpcode.Abort)
        {
            code = RacpResponseCode.OperatorNotSupported;
        }

        Send(GattUuids.RecordAccessControlPoint, RacpEncoder.ResponseCode(request.Opcode, code));
        if (request.Opcode == RacpOpcode.DeleteStoredRecords)
        {
            DisconnectIfDone();
        }

        return true;
    }
}
