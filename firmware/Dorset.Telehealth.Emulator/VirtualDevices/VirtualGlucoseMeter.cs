using System.Collections.Generic;
using System.Linq;
using Dorset.Telehealth.Protocol;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Glucose;
using Dorset.Telehealth.Protocol.RecordAccess;

namespace Dorset.Telehealth.Emulator.VirtualDevices;

/// <summary>
/// A glucose meter as GLS 1.0 describes it: stored records with sequence numbers and optional contexts, served through
/// the Record Access Control Point with the spec's response codes. Faults seen in the field can be switched on: a bond
/// requirement, dropping the link after N records, sequence numbers that count backwards, a reset that renumbers, a
/// clock that reports a year no Date Time holds, and a transfer that ends with a response code the specification
/// reserves (a newer or faulty meter).
/// </summary>
public sealed class VirtualGlucoseMeter(string address) : VirtualPeripheral(address, GattUuids.GlucoseService, "Virtual Glucose")
{
    private static readonly Dictionary<ushort, ushort> Table = new()
    {
        [GattUuids.GlucoseMeasurement] = GattUuids.GlucoseService,
        [GattUuids.GlucoseMeasurementContext] = GattUuids.GlucoseService,
        [GattUuids.GlucoseFeature] = GattUuids.GlucoseService,
        [GattUuids.RecordAccessControlPoint] = GattUuids.GlucoseService,
        [GattUuids.CurrentTime] = GattUuids.CurrentTimeService,
    };

    private readonly List<StoredGlucoseRecord> _records = [];
    private bool _abortRequested;
    private bool _transferring;

    /// <summary>Drop the link after sending this many records in one transfer (0 = never).</summary>
    public int DisconnectAfterRecords { get; set; }

    /// <summary>Send every record's base time with year 1000, which GLS reserves (a meter whose clock lost its date).</summary>
    public bool ReservedYearInBaseTime { get; set; }

    /// <summary>The response code that ends a transfer of records (Success unless a fault is scripted).</summary>
    public RacpResponseCode TransferResponse { get; set; } = RacpResponseCode.Success;

    /// <summary>Records sent over the meter's life (for tests).</summary>
    public int RecordsSent { get; private set; }

    /// <summary>The stored records, oldest first.</summary>
    public IReadOnlyList<StoredGlucoseRecord> Records => _records;

    /// <inheritdoc/>
    protected override IReadOnlyDictionary<ushort, ushort> Characteristics => Table;

    /// <summary>Stores a record (the measurement's sequence is the record number).</summary>
    public void Store(GlucoseMeasurement measurement, GlucoseContext? context = null)
    {
        measurement.ContextFollows = context != null;
        _records.Add(new StoredGlucoseRecord(measurement, context));
    }

    /// <summary>Clears the memory, as a meter reset does: records stored afterwards may reuse lower sequence numbers.</summary>
    public void Reset() => _records.Clear();

    /// <inheritdoc/>
    protected override byte[] ReadValue(ushort characteristic) =>
        characteristic == GattUuids.GlucoseFeature ? GlucoseFeature.Encode(0x07FF) : null!;

    /// <inheritdoc/>
    protected override bool OnWrite(ushort characteristic, byte[] value)
    {
        if (characteristic == GattUuids.CurrentTime)
        {
            return AcceptClock(value);
        }

        // A RACP write without indications enabled fails (ATT 0xFD, CCCD improperly configured).
        if (characteristic != GattUuids.RecordAccessControlPoint || !IsSubscribed(GattUuids.RecordAccessControlPoint))
        {
            return false;
        }

        if (!RacpDecoder.TryDecode(value, 0, value.Length, out RacpValue request, out DecodeFailure failure))
        {
            RacpOpcode opcode = value.Length > 0 ? (RacpOpcode)value[0] : 0;
            Respond(opcode, failure.Field switch
            {
                "opcode" => RacpResponseCode.OpcodeNotSupported,
                "operator" => RacpResponseCode.InvalidOperator,
                "filterType" => RacpResponseCode.OperandNotSupported,
                _ => RacpResponseCode.InvalidOperand,
            });
            return true;
        }

        switch (request.Opcode)
        {
            case RacpOpcode.ReportStoredRecords:
                ReportRecords(request);
                break;
            case RacpOpcode.ReportNumberOfRecords:
                Send(GattUuids.RecordAccessControlPoint, RacpEncoder.NumberOfRecordsResponse(Select(request).Count));
                break;
            case RacpOpcode.DeleteStoredRecords:
                List<StoredGlucoseRecord> doomed = Select(request);
                _records.RemoveAll(doomed.Contains);
                Respond(request.Opcode, doomed.Count == 0 ? RacpResponseCode.NoRecordsFound : RacpResponseCode.Success);
                break;
            case RacpOpcode.Abort:
                _abortRequested = _transferring;
                Respond(RacpOpcode.Abort, RacpResponseCode.Success);
                break;
            default:
                Respond(request.Opcode, RacpResponseCode.OpcodeNotSupported);
                break;
        }

        return true;
    }

    private void ReportRecords(RacpValue request)
    {
        List<StoredGlucoseRecord> selected = Select(request);
        if (selected.Count == 0)
        {
            Respond(request.Opcode, RacpResponseCode.NoRecordsFound);
            return;
        }

        _transferring = true;
        _abortRequested = false;
        int sent = 0;
        try
        {
            foreach (StoredGlucoseRecord record in selected)
            {
                // GLS 1.0 4.9: the context is sent right after its measurement, under the same sequence.
                Send(GattUuids.GlucoseMeasurement, Encoded(record.Measurement));
                if (record.Context != null)
                {
                    Send(GattUuids.GlucoseMeasurementContext, GlucoseContextEncoder.Encode(record.Context));
                }

                sent++;
                RecordsSent++;
                if (_abortRequested)
                {
                    return;
                }

                if (DisconnectAfterRecords > 0 && sent >= DisconnectAfterRecords)
                {
                    Disconnect();
                    return;
                }
            }
        }
        finally
        {
            _transferring = false;
        }

        Respond(request.Opcode, TransferResponse);
    }

    private byte[] Encoded(GlucoseMeasurement measurement)
    {
        byte[] bytes = GlucoseMeasurementEncoder.Encode(measurement);
        if (ReservedYearInBaseTime)
        {
            // Flags, sequence, then the base time's year (u16 little-endian): 1000 is below the 1582 a Date Time allows.
            bytes[3] = 0xE8;
            bytes[4] = 0x03;
        }

        return bytes;
    }

    private List<StoredGlucoseRecord> Select(RacpValue request)
    {
        IEnumerable<StoredGlucoseRecord> ordered = _records;
        if (request.HasFilter && request.FilterType == RacpFilterType.UserFacingTime)
        {
            return ordered.Where(r => InTimeRange(r, request)).ToList();
        }

        return request.Operator switch
        {
            RacpOperator.AllRecords => ordered.ToList(),
            RacpOperator.LessThanOrEqual => ordered.Where(r => r.Measurement.Sequence <= request.MinimumSequence).ToList(),
            RacpOperator.GreaterThanOrEqual => ordered.Where(r => r.Measurement.Sequence >= request.MinimumSequence).ToList(),
            RacpOperator.WithinRange => ordered.Where(r => r.Measurement.Sequence >= request.MinimumSequence && r.Measurement.Sequence <= request.MaximumSequence).ToList(),
            RacpOperator.FirstRecord => ordered.Take(1).ToList(),
            RacpOperator.LastRecord => ordered.TakeLast(1).ToList(),
            _ => [],
        };
    }

    private static bool InTimeRange(StoredGlucoseRecord record, RacpValue request)
    {
        System.DateTime time = record.Measurement.BaseTime.ToDateTime();
        bool afterMinimum = time >= request.MinimumTime.ToDateTime();
        bool beforeMaximum = time <= request.MaximumTime.ToDateTime();
        return request.Operator switch
        {
            RacpOperator.LessThanOrEqual => beforeMaximum,
            RacpOperator.GreaterThanOrEqual => afterMinimum,
            _ => afterMinimum && beforeMaximum,
        };
    }

    private void Respond(RacpOpcode request, RacpResponseCode code) =>
        Send(GattUuids.RecordAccessControlPoint, RacpEncoder.ResponseCode(request, code));
}
