using System.Linq;
using Dorset.Telehealth.Gateway.Ingest;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.Protocol.Glucose;
using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.Uplink;

namespace Dorset.Telehealth.Gateway.Tests.Ingest;

/// <summary>
/// What a v2 frame adds, as the gateway stores it: the device's address from the frame, the meter's glucose context in
/// the contract's words and units (exact by powers of ten), and a device time that was no time as "clock-fault".
/// </summary>
public sealed class FrameV2MappingTests
{
    private static IncomingReading Decode(UplinkReading reading)
    {
        byte[] frame = UplinkFrames.FrameV2(40, reading);
        Assert.True(new ProtocolUplinkFrameDecoder().TryDecode(frame, out var decoded, out string reason), reason);
        return decoded.Single();
    }

    private static GlucoseContext FullContext() => new()
    {
        HasCarbohydrate = true, CarbohydrateId = 1, CarbohydrateKilograms = new MedicalFloat(45, -3),
        HasMeal = true, Meal = 1, HasTesterHealth = true, Tester = 1, Health = 5,
        HasExercise = true, ExerciseSeconds = 1800, ExerciseIntensityPercent = 60,
        HasMedication = true, MedicationId = 1, Medication = new MedicalFloat(40, -6), MedicationInLitres = true,
        HasHbA1c = true, HbA1cPercent = new MedicalFloat(65, -1),
    };

    [Fact]
    public void TheDeviceAddress_ComesFromTheFrame()
    {
        IncomingReading r = Decode(UplinkFrames.GlucoseReading(88, "5.4").From("C0:26:DA:0F:0F:0F"));

        Assert.Equal(("C0:26:DA:0F:0F:0F", 0), (r.DeviceAddress, r.DeviceSlot));
    }

    [Fact]
    public void GlucoseContext_InTheContractsWordsAndUnits_ConvertedExactly()
    {
        UplinkReading reading = UplinkFrames.GlucoseReading(88, "5.4").From(Readings.MeterAddress);
        reading.Context = FullContext();

        GlucoseContextReport c = Decode(reading).GlucoseContext!;

        Assert.Equal(("preprandial", "self", "none"), (c.Meal, c.Tester, c.Health));
        Assert.Equal(new ContextExercise(1800, 60), c.Exercise);
        Assert.Equal(new ContextAmount("rapid-acting-insulin", "0.04", "mL"), c.Medication);
        Assert.Equal(new ContextAmount("breakfast", "45", "g"), c.Carbohydrate);
        Assert.Equal(new ContextAmount(null, "6.5", "%"), c.HbA1c);
    }

    [Fact]
    public void MedicationInKilograms_IsSentInMilligrams()
    {
        UplinkReading reading = UplinkFrames.GlucoseReading(88, "5.4").From(Readings.MeterAddress);
        reading.Context = new GlucoseContext { HasMedication = true, MedicationId = 4, Medication = new MedicalFloat(12, -6) };

        Assert.Equal(new ContextAmount("long-acting-insulin", "12", "mg"), Decode(reading).GlucoseContext!.Medication);
    }

    [Fact]
    public void PartsTheContractCannotCarry_AreLeftOut_TheRestKept()
    {
        UplinkReading reading = UplinkFrames.GlucoseReading(88, "5.4").From(Readings.MeterAddress);
        reading.Context = new GlucoseContext
        {
            HasMeal = true, Meal = 9, HasTesterHealth = true, Tester = 15, Health = 2,
            HasExercise = true, ExerciseSeconds = 65535, ExerciseIntensityPercent = 180,
            HasMedication = true, MedicationId = 7, Medication = MedicalFloat.NaN,
            HasCarbohydrate = true, CarbohydrateId = 2, CarbohydrateKilograms = new MedicalFloat(-5, -3),
            HasHbA1c = true, HbA1cPercent = new MedicalFloat(1500, -1),
        };

        GlucoseContextReport c = Decode(reading).GlucoseContext!;

        Assert.Equal(new GlucoseContextReport(null, null, "major-issues", new ContextExercise(65535, null), null, null, null), c);
    }

    [Fact]
    public void AContextWithNothingTheContractCarries_IsNone()
    {
        UplinkReading reading = UplinkFrames.GlucoseReading(88, "5.4").From(Readings.MeterAddress);
        reading.Context = new GlucoseContext { HasMeal = true, Meal = 0 };

        Assert.Null(Decode(reading).GlucoseContext);
    }

    [Fact]
    public void ADeviceTimeThatWasNoTime_IsClockFault_AndTheReadingIsTimedByReceipt()
    {
        UplinkReading reading = UplinkFrames.GlucoseReading(88, "5.4").From(Readings.MeterAddress);
        reading.DeviceTime = null;
        reading.DeviceTimeInvalid = true;

        IncomingReading r = Decode(reading);

        Assert.Equal(["clock-fault"], r.Flags);
        Assert.Null(r.DeviceTime);
        Assert.Equal(System.DateTimeOffset.Parse("2026-11-24T08:00:05Z", System.Globalization.CultureInfo.InvariantCulture), ReadingTimes.TakenUtc(r, System.DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void AContextAmountNoDecimalCanHold_IsLeftOut()
    {
        // Found by fuzzing: as a reading's value, an amount of 10^100 kg made decimal.Parse throw.
        UplinkReading reading = UplinkFrames.GlucoseReading(88, "5.4").From("C0:26:DA:01:02:03");
        reading.Context = new GlucoseContext { HasCarbohydrate = true, CarbohydrateId = 1, CarbohydrateKilograms = new MedicalFloat(1, 100), HasMeal = true, Meal = 1 };

        GlucoseContextReport c = Decode(reading).GlucoseContext!;

        Assert.Null(c.Carbohydrate);
        Assert.Equal("preprandial", c.Meal);
    }
}
