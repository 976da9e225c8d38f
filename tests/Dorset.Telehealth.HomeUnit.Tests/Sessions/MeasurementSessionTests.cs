using System;
using System.Linq;
using Dorset.Telehealth.Emulator.VirtualDevices;
using Dorset.Telehealth.HomeUnit.Ble;
using Dorset.Telehealth.HomeUnit.Devices;
using Dorset.Telehealth.HomeUnit.Sessions;
using Dorset.Telehealth.HomeUnit.Tests.Simulation;
using Dorset.Telehealth.Protocol.BloodPressure;
using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.PulseOximetry;
using Dorset.Telehealth.Protocol.Time;
using Dorset.Telehealth.Protocol.Weight;

namespace Dorset.Telehealth.HomeUnit.Tests.Sessions;

public sealed class MeasurementSessionTests
{
    private static readonly FixedClock Clock = new(new DateTime(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc), synchronised: true);

    private static SessionResult Run(VirtualPeripheral device, DeviceKind kind, OutboxSink sink)
    {
        Assert.True(device.Accept());
        return new MeasurementSession(device, new PairedDevice(2, device.Address, kind, false), BleAddressType.Random, sink, Clock, new SessionBudget(Clock, quietMilliseconds: 200, totalMilliseconds: 60_000)).Run();
    }

    [Fact]
    public void Scale_ImperialWeighingWithUserAndBmi_IsCommittedAsSent()
    {
        var scale = new VirtualScale("A0:00:00:00:00:01");
        scale.Weigh(new WeightMeasurement { Imperial = true, RawWeight = 15700, HasUserId = true, UserId = 2, HasBmiAndHeight = true, RawBmi = 242, RawHeight = 669 });
        var sink = new OutboxSink(10);

        Assert.Equal(SessionResult.Completed, Run(scale, DeviceKind.WeightScale, sink));

        var weight = (WeightMeasurement)Assert.Single(sink.Accepted).Measurement;
        Assert.True(weight.Imperial);
        Assert.Equal(157m, decimal.Parse(weight.Weight.ToString()));
        Assert.Equal(2, weight.UserId);
        Assert.False(sink.Accepted[0].KeptOnDevice);
        Assert.Equal((2, "A0:00:00:00:00:01", BleAddressType.Random), (sink.Accepted[0].Slot, sink.Accepted[0].Address, sink.Accepted[0].AddressType));
    }

    [Fact]
    public void BloodPressureCuff_SendsStoredRecordsIncludingAnErrorRecord_AllKept()
    {
        var cuff = new VirtualBloodPressureMonitor("A0:00:00:00:00:02");
        cuff.Measure(new BloodPressureMeasurement { Systolic = new MedicalFloat(120, 0), Diastolic = new MedicalFloat(80, 0), MeanArterialPressure = new MedicalFloat(93, 0), HasTimestamp = true, Timestamp = new DeviceTime(2026, 11, 23, 20, 0, 0) });
        cuff.Measure(new BloodPressureMeasurement { Systolic = MedicalFloat.NaN, Diastolic = MedicalFloat.NaN, MeanArterialPressure = MedicalFloat.NaN });
        var sink = new OutboxSink(10);

        Assert.Equal(SessionResult.Completed, Run(cuff, DeviceKind.BloodPressureMonitor, sink));

        Assert.Equal(2, sink.Accepted.Count);
        Assert.Equal("2026-11-23T20:00:00", sink.Accepted[0].DeviceTime.ToIsoString());
        Assert.True(((BloodPressureMeasurement)sink.Accepted[1].Measurement).IsErrorRecord);
    }

    [Fact]
    public void Oximeter_SpotCheckWithClockNotSet_KeepsNoDeviceTime()
    {
        var oximeter = new VirtualPulseOximeter("A0:00:00:00:00:03");
        oximeter.SpotCheck(new PlxSpotCheck { SpO2 = new MedicalFloat(90, 0), PulseRate = new MedicalFloat(88, 0), HasTimestamp = true, Timestamp = new DeviceTime(2000, 1, 1, 0, 0, 0), DeviceClockNotSet = true });
        var sink = new OutboxSink(10);

        Run(oximeter, DeviceKind.PulseOximeter, sink);

        Assert.Null(Assert.Single(sink.Accepted).DeviceTime);
    }

    [Fact]
    public void Oximeter_ContinuousSamples_BecomeOneReadingPerStableWindow()
    {
        var oximeter = new VirtualPulseOximeter("A0:00:00:00:00:04");
        int[] spo2 = [97, 96, 97, 98, 97, 97, 96, 97, 98, 97, 97, 96, 97, 97, 98];
        foreach (int value in spo2.Concat(spo2))
        {
            oximeter.Sample(new PlxContinuous { SpO2 = new MedicalFloat(value, 0), PulseRate = new MedicalFloat(70, 0) });
        }

        oximeter.Sample(new PlxContinuous { SpO2 = new MedicalFloat(80, 0), PulseRate = new MedicalFloat(70, 0) });
        var sink = new OutboxSink(10);

        Run(oximeter, DeviceKind.PulseOximeter, sink);

        Assert.Equal(2, sink.Accepted.Count);
        Assert.All(sink.Accepted, r => Assert.Equal(new MedicalFloat(97, 0), ((PlxSpotCheck)r.Measurement).SpO2));
    }

    [Fact]
    public void ContinuousSummary_InvalidSample_RestartsTheWindow()
    {
        var summary = new ContinuousOximetrySummary();
        PlxSpotCheck? result = null;
        for (int i = 0; i < ContinuousOximetrySummary.WindowSize - 1; i++)
        {
            result = summary.Add(new PlxContinuous { SpO2 = new MedicalFloat(95, 0), PulseRate = new MedicalFloat(60, 0) });
        }

        Assert.Null(summary.Add(new PlxContinuous { SpO2 = new MedicalFloat(95, 0), PulseRate = new MedicalFloat(60, 0), HasMeasurementStatus = true, MeasurementStatus = PlxStatus.NotPatientDataBits & (1 << 15) }));
        Assert.Null(result);
        Assert.Null(summary.Add(new PlxContinuous { SpO2 = new MedicalFloat(95, 0), PulseRate = new MedicalFloat(60, 0) }));
    }

    [Fact]
    public void Oximeter_WithStoredSpotChecks_FetchesThemThroughRacp_KeptOnDeviceUntilCommitted_ThenDeletesThem()
    {
        var oximeter = new VirtualPulseOximeter("A0:00:00:00:00:06");
        for (int i = 0; i < 3; i++)
        {
            oximeter.Store(new PlxSpotCheck { SpO2 = new MedicalFloat(95 + i, 0), PulseRate = new MedicalFloat(70, 0), HasTimestamp = true, Timestamp = new DeviceTime(2026, 11, 23, 9 + i, 0, 0) });
        }

        var sink = new OutboxSink(10);

        Assert.Equal(SessionResult.Completed, Run(oximeter, DeviceKind.PulseOximeter, sink));

        Assert.Equal(3, sink.Accepted.Count);
        Assert.All(sink.Accepted, r => Assert.True(r.KeptOnDevice));
        Assert.Equal(0, oximeter.StoredCount);
    }

    [Fact]
    public void Oximeter_StoredSpotChecksThatDoNotFit_StayOnTheOximeter()
    {
        var oximeter = new VirtualPulseOximeter("A0:00:00:00:00:07");
        for (int i = 0; i < 3; i++)
        {
            oximeter.Store(new PlxSpotCheck { SpO2 = new MedicalFloat(95, 0), PulseRate = new MedicalFloat(70, 0) });
        }

        var sink = new OutboxSink(capacity: 2);

        Assert.Equal(SessionResult.OutboxFull, Run(oximeter, DeviceKind.PulseOximeter, sink));

        Assert.Equal(2, sink.Accepted.Count);
        Assert.Equal(3, oximeter.StoredCount);
    }
}
