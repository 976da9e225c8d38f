using System;
using System.Linq;
using Dorset.Telehealth.Emulator.VirtualDevices;
using Dorset.Telehealth.HomeUnit.Ble;
using Dorset.Telehealth.HomeUnit.Devices;
using Dorset.Telehealth.HomeUnit.Readings;
using Dorset.Telehealth.HomeUnit.Sessions;
using Dorset.Telehealth.HomeUnit.Tests.Simulation;
using Dorset.Telehealth.Protocol.Glucose;
using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.Time;

namespace Dorset.Telehealth.HomeUnit.Tests.Sessions;

public sealed class GlucoseMeterSessionTests
{
    private const string Address = "C0:26:DA:01:02:03";
    private static readonly FixedClock Clock = new(new DateTime(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc), synchronised: true);

    private readonly SimulatedFlash _flash = new();
    private readonly VirtualGlucoseMeter _meter = new(Address);

    private static GlucoseMeasurement Record(int sequence, int mgdl = 100) => new()
    {
        Sequence = sequence,
        BaseTime = new DeviceTime(2026, 11, 24, 7, sequence % 60, 0),
        HasConcentration = true,
        Concentration = new MedicalFloat(mgdl, -5),
        Type = 1,
        Location = 1,
    };

    /// <summary>200 ms of silence ends a session; the clock stands still, so the total is never spent.</summary>
    private static SessionBudget Budget(FixedClock clock) => new(clock, quietMilliseconds: 200, totalMilliseconds: 60_000);

    private SessionResult RunSession(OutboxSink sink, bool needsBond = false, DeviceProgress? progress = null)
    {
        var device = new PairedDevice(0, Address, DeviceKind.GlucoseMeter, needsBond);
        Assert.True(_meter.Accept());
        var session = new GlucoseMeterSession(_meter, device, BleAddressType.Public, sink, progress ?? DeviceProgress.Load(_flash), Clock, Budget(Clock));
        return session.Run();
    }

    [Fact]
    public void FirstContact_FetchesEveryRecord_PairsContextsBySequence_AndRemembersTheLast()
    {
        _meter.Store(Record(1));
        _meter.Store(Record(2), new GlucoseContext { Sequence = 2, HasMeal = true, Meal = 1 });
        _meter.Store(Record(3));
        var sink = new OutboxSink(capacity: 10);

        Assert.Equal(SessionResult.Completed, RunSession(sink));

        Assert.Equal([1, 2, 3], sink.Accepted.Select(r => r.DeviceSequence));
        Assert.Equal(1, sink.Accepted[1].Context.Meal);
        Assert.All(sink.Accepted, r => Assert.Equal((Address, BleAddressType.Public), (r.Address, r.AddressType)));
        Assert.Null(sink.Accepted[0].Context);
        Assert.All(sink.Accepted, r => Assert.True(r.KeptOnDevice && r.ClockSynchronised));
        Assert.Equal(3, DeviceProgress.Load(_flash).LastSequence(0));
    }

    [Fact]
    public void NextContact_FetchesOnlyNewRecords()
    {
        _meter.Store(Record(1));
        _meter.Store(Record(2));
        RunSession(new OutboxSink(10));
        _meter.Store(Record(3));
        var sink = new OutboxSink(10);

        Assert.Equal(SessionResult.Completed, RunSession(sink));

        Assert.Equal([3], sink.Accepted.Select(r => r.DeviceSequence));
    }

    [Fact]
    public void NoNewRecords_CompletesWithNothingCommitted()
    {
        _meter.Store(Record(1));
        RunSession(new OutboxSink(10));
        var sink = new OutboxSink(10);

        Assert.Equal(SessionResult.Completed, RunSession(sink));
        Assert.Empty(sink.Accepted);
    }

    [Fact]
    public void DisconnectMidTransfer_KeepsWhatArrived_AndTheNextSessionResumesAfterIt()
    {
        for (int i = 1; i <= 5; i++)
        {
            _meter.Store(Record(i));
        }

        _meter.DisconnectAfterRecords = 2;
        var first = new OutboxSink(10);
        Assert.Equal(SessionResult.Disconnected, RunSession(first));
        Assert.Equal([1, 2], first.Accepted.Select(r => r.DeviceSequence));

        _meter.DisconnectAfterRecords = 0;
        var second = new OutboxSink(10);
        Assert.Equal(SessionResult.Completed, RunSession(second));
        Assert.Equal([3, 4, 5], second.Accepted.Select(r => r.DeviceSequence));
    }

    [Fact]
    public void MeterReset_WithLowerSequences_FetchesEverythingAgain()
    {
        for (int i = 1; i <= 3; i++)
        {
            _meter.Store(Record(i));
        }

        RunSession(new OutboxSink(10));
        _meter.Reset();
        _meter.Store(Record(1, mgdl: 150));
        var sink = new OutboxSink(10);

        Assert.Equal(SessionResult.Completed, RunSession(sink));

        Assert.Contains(sink.Accepted, r => ((GlucoseMeasurement)r.Measurement).Concentration.Equals(new MedicalFloat(150, -5)));
        Assert.Equal(1, DeviceProgress.Load(_flash).LastSequence(0));
    }

    [Fact]
    public void FullOutbox_LeavesTheRestOnTheMeter_AndDoesNotAdvancePastWhatWasCommitted()
    {
        for (int i = 1; i <= 5; i++)
        {
            _meter.Store(Record(i));
        }

        var sink = new OutboxSink(capacity: 2);

        Assert.Equal(SessionResult.OutboxFull, RunSession(sink));

        Assert.Equal([1, 2], sink.Accepted.Select(r => r.DeviceSequence));
        Assert.Equal(2, DeviceProgress.Load(_flash).LastSequence(0));
        Assert.Equal(5, _meter.Records.Count);
    }

    [Fact]
    public void MeterThatNeedsABond_RefusesAnUnbondedCollector_AndWorksOnceBonded()
    {
        var meter = new VirtualGlucoseMeter(Address) { RequiresBond = true };
        meter.Store(Record(1));
        meter.Accept();

        Assert.False(meter.Subscribe(Protocol.GattUuids.GlucoseService, Protocol.GattUuids.RecordAccessControlPoint, true, (_, _) => { }));

        var sink = new OutboxSink(10);
        var device = new PairedDevice(0, Address, DeviceKind.GlucoseMeter, needsBond: true);
        Assert.Equal(SessionResult.Completed, new GlucoseMeterSession(meter, device, BleAddressType.Public, sink, DeviceProgress.Load(_flash), Clock, Budget(Clock)).Run());
        Assert.Single(sink.Accepted);
    }

    [Fact]
    public void ControlSolutionRecord_IsCommittedAndMarked()
    {
        GlucoseMeasurement control = Record(1);
        control.Type = GlucoseSampleTypes.ControlSolution;
        _meter.Store(control);
        var sink = new OutboxSink(10);

        RunSession(sink);

        Assert.True(((GlucoseMeasurement)Assert.Single(sink.Accepted).Measurement).IsControlSolution);
    }

    [Fact]
    public void UnsynchronisedClock_IsRecordedWithTheReading()
    {
        _meter.Store(Record(1));
        var sink = new OutboxSink(10);
        var device = new PairedDevice(0, Address, DeviceKind.GlucoseMeter, false);
        _meter.Accept();

        new GlucoseMeterSession(_meter, device, BleAddressType.Public, sink, DeviceProgress.Load(_flash), new FixedClock(DateTime.UnixEpoch, false), Budget(Clock)).Run();

        DeviceReading reading = Assert.Single(sink.Accepted);
        Assert.False(reading.ClockSynchronised);
        Assert.Equal("2026-11-24T07:01:00", reading.DeviceTime.ToIsoString());
    }

    [Fact]
    public void TransferEndingWithAReservedResponseCode_IsADeviceError_AndKeepsTheRecordsThatArrived()
    {
        _meter.Store(Record(1));
        _meter.Store(Record(2));
        _meter.TransferResponse = (Protocol.RecordAccess.RacpResponseCode)0x0A;
        var sink = new OutboxSink(capacity: 10);

        Assert.Equal(SessionResult.DeviceError, RunSession(sink));

        Assert.Equal([1, 2], sink.Accepted.Select(r => r.DeviceSequence));
        Assert.Equal(2, DeviceProgress.Load(_flash).LastSequence(0));
    }

    [Fact]
    public void RecordWhoseBaseTimeIsNoDate_IsCommittedWithItsValue_TimedByReceipt_AndMarked()
    {
        _meter.Store(Record(1, mgdl: 63));
        _meter.ReservedYearInBaseTime = true;
        var sink = new OutboxSink(capacity: 10);

        Assert.Equal(SessionResult.Completed, RunSession(sink));

        DeviceReading reading = Assert.Single(sink.Accepted);
        Assert.True(reading.DeviceTimeInvalid);
        Assert.Null(reading.DeviceTime);
        Assert.Equal("63", ((GlucoseMeasurement)reading.Measurement).MilligramsPerDecilitre.ToString());
        Assert.Equal(1, DeviceProgress.Load(_flash).LastSequence(0));
    }
}
