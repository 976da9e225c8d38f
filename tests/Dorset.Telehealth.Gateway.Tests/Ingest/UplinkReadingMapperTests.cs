using System;
using System.Linq;
using Dorset.Telehealth.Gateway.Ingest;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.Uplink;

namespace Dorset.Telehealth.Gateway.Tests.Ingest;

/// <summary>From the unit's frame to the cloud contract's words: units, flags, sample names, times.</summary>
public sealed class UplinkReadingMapperTests
{
    private static IncomingReading Decode(params UplinkReading[] readings)
    {
        byte[] frame = UplinkFrames.Frame(40, readings);
        Assert.True(new ProtocolUplinkFrameDecoder().TryDecode(frame, out var decoded, out string reason), reason);
        return decoded.Single();
    }

    [Fact]
    public void Glucose_KeepsTheExactValue_SampleNames_DeviceTimeAndOutboxSequence()
    {
        IncomingReading r = Decode(UplinkFrames.GlucoseReading(88, "5.4"));

        Assert.Equal(40, r.OutboxSequence);
        Assert.Equal(88, r.DeviceSequence);
        Assert.Equal("glucose", r.Kind);
        Assert.Equal(new ReadingValue("glucose", "5.4", "mmol/L"), r.Values.Single());
        Assert.Equal(("capillary-whole-blood", "finger"), (r.GlucoseSampleType, r.GlucoseSampleLocation));
        Assert.Equal("2026-11-24T08:00:00", r.DeviceTime);
        Assert.Equal("2026-11-24T08:00:05Z", r.UnitReceiptTime);
        Assert.Empty(r.Flags);
    }

    [Fact]
    public void ControlSolutionAboveTheMetersRange_IsFlaggedBoth()
    {
        UplinkReading reading = UplinkFrames.GlucoseReading(3, "33.3", type: 10, location: 4);
        reading.HasStatus = true;
        reading.Status = 1 << 5;

        IncomingReading r = Decode(reading);

        Assert.Equal(["control-solution", "high"], r.Flags);
        Assert.Equal("control-solution", r.GlucoseSampleType);
    }

    [Fact]
    public void Pounds_AreConvertedToKilograms_ToTheGram()
    {
        IncomingReading r = Decode(new UplinkReading
        {
            Kind = ReadingKind.Weight, Slot = 2, DeviceSequence = UplinkReading.NoSequence, ReceivedAt = DateTime.UtcNow,
            ClockSynchronised = true, AlternateUnit = true, Values = [new MedicalFloat(15700, -2)],
        });

        Assert.Equal(new ReadingValue("weight", "71.214", "kg"), r.Values.Single());
    }

    [Fact]
    public void Kilopascals_AreConvertedToMillimetresOfMercury()
    {
        IncomingReading r = Decode(new UplinkReading
        {
            Kind = ReadingKind.BloodPressure, Slot = 3, DeviceSequence = UplinkReading.NoSequence, ReceivedAt = DateTime.UtcNow,
            ClockSynchronised = true, AlternateUnit = true, Values = [new MedicalFloat(160, -1), new MedicalFloat(107, -1), new MedicalFloat(124, -1)],
        });

        Assert.Equal(["120", "80.3", "93"], r.Values.Select(v => v.Value));
        Assert.All(r.Values, v => Assert.Equal("mmHg", v.Unit));
    }

    [Fact]
    public void CuffErrorRecord_HasNoValues_AndTheErrorRecordFlag()
    {
        IncomingReading r = Decode(new UplinkReading
        {
            Kind = ReadingKind.BloodPressure, Slot = 3, DeviceSequence = UplinkReading.NoSequence, ReceivedAt = DateTime.UtcNow,
            ClockSynchronised = true, Values = [MedicalFloat.NaN, MedicalFloat.NaN, MedicalFloat.NaN],
        });

        Assert.Empty(r.Values);
        Assert.Equal(["error-record"], r.Flags);
    }

    [Theory]
    [InlineData(1 << 15, "invalid")]
    [InlineData(1 << 14, "questionable")]
    [InlineData(1 << 10, "demo")]
    [InlineData(1 << 11, "testing")]
    public void OximeterStatus_BecomesTheContractFlag(int status, string flag)
    {
        UplinkReading reading = UplinkFrames.OximetryReading(90, 60);
        reading.HasStatus = true;
        reading.Status = status;

        Assert.Equal([flag], Decode(reading).Flags);
    }

    [Fact]
    public void UnsynchronisedUnitClock_SendsNoReceiptTime()
    {
        UplinkReading reading = UplinkFrames.OximetryReading(97, 70);
        reading.ClockSynchronised = false;

        IncomingReading r = Decode(reading);

        Assert.Null(r.UnitReceiptTime);
        Assert.False(r.ClockSynced);
    }

    [Fact]
    public void AValueNoDecimalCanHold_IsAnErrorRecord_NotAFailedCommit()
    {
        // Found by fuzzing (tests/Dorset.Telehealth.Fuzz, gateway-publish): a frame value reaches 10^127, decimal.Parse
        // threw, the publish was answered as a storage failure and the unit re-sent the frame for ever.
        IncomingReading r = Decode(new UplinkReading
        {
            Kind = ReadingKind.Weight, Slot = 2, DeviceSequence = UplinkReading.NoSequence, ReceivedAt = DateTime.UtcNow,
            ClockSynchronised = true, Values = [new MedicalFloat(1, 100)],
        });

        Assert.Empty(r.Values);
        Assert.Equal(["error-record"], r.Flags);
    }

    [Fact]
    public void AValueOverTheContractsNineDigits_IsLeftOut_AsTheCloudWouldRefuseTheBatch()
    {
        IncomingReading r = Decode(new UplinkReading
        {
            Kind = ReadingKind.BloodPressure, Slot = 3, DeviceSequence = UplinkReading.NoSequence, ReceivedAt = DateTime.UtcNow,
            ClockSynchronised = true, Values = [new MedicalFloat(120, 0), new MedicalFloat(80, 0), new MedicalFloat(2045, 7)],
        });

        Assert.Equal(["120", "80"], r.Values.Select(v => v.Value));
        Assert.Empty(r.Flags);
    }
}
