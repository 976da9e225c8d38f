using System;
using Dorset.Telehealth.Protocol.BloodPressure;
using Dorset.Telehealth.Protocol.Glucose;
using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.PulseOximetry;
using Dorset.Telehealth.Protocol.Time;
using Dorset.Telehealth.Protocol.Weight;

namespace Dorset.Telehealth.Emulator.VirtualDevices;

/// <summary>
/// The readings a virtual home's devices hold, the same for the same seed: a week of glucose (with a context on every
/// third record), spot-check SpO2 and pulse, weights and blood pressures, spread over the seven days before
/// <see cref="WeekEnd"/>. A few are clinically alarming on purpose (a hypo, an SpO2 of 90 %, a weight gain of 2.5 kg
/// over three days) so alerting has something to show.
/// </summary>
public sealed class ReadingScript(int seed)
{
    /// <summary>The end of the scripted week (device clocks are civil time).</summary>
    public static readonly DateTime WeekEnd = new(2026, 11, 24, 7, 0, 0);

    private DateTime At(int index, int count) => WeekEnd.AddMinutes(-7 * 24 * 60 + (7 * 24 * 60 * (index + 1) / Math.Max(count, 1)));

    // Not HashCode.Combine: it is randomised per process, and a restarted emulator must produce the same readings.
    private Random Random(int kind, int index) => new(unchecked((seed * 1_000_003) + (kind * 10_007) + index));

    public GlucoseMeasurement Glucose(int index, int count)
    {
        Random random = Random(1, index);
        int mgdl = index == 2 ? 54 : random.Next(80, 200); // index 2: a hypo (3.0 mmol/L)
        return new GlucoseMeasurement
        {
            Sequence = index + 1, BaseTime = DeviceTime.FromDateTime(At(index, count)), HasTimeOffset = true, TimeOffsetMinutes = 0,
            HasConcentration = true, Concentration = new MedicalFloat(mgdl, -5), Unit = GlucoseConcentrationUnit.KilogramsPerLitre,
            Type = 1, Location = 1,
        };
    }

    public GlucoseContext? GlucoseContext(int index) =>
        index % 3 == 0 ? new GlucoseContext { Sequence = index + 1, HasMeal = true, Meal = 1 + (index % 5) } : null;

    public PlxSpotCheck SpotCheck(int index, int count)
    {
        Random random = Random(2, index);
        return new PlxSpotCheck
        {
            SpO2 = new MedicalFloat(index == 1 ? 90 : random.Next(94, 100), 0), PulseRate = new MedicalFloat(random.Next(55, 95), 0),
            HasTimestamp = true, Timestamp = DeviceTime.FromDateTime(At(index, count)),
        };
    }

    public WeightMeasurement Weight(int index, int count)
    {
        // 80.000 kg rising to 82.500 kg over the last three readings: a heart-failure fluid warning.
        int grams = index >= count - 3 ? 80_000 + (2_500 * (index - (count - 4)) / 3) : 80_000 + Random(3, index).Next(-300, 300);
        return new WeightMeasurement { RawWeight = grams / 5, HasTimestamp = true, Timestamp = DeviceTime.FromDateTime(At(index, count)) };
    }

    public BloodPressureMeasurement BloodPressure(int index, int count)
    {
        Random random = Random(4, index);
        int systolic = random.Next(110, 160), diastolic = random.Next(65, 95);
        return new BloodPressureMeasurement
        {
            Systolic = new MedicalFloat(systolic, 0), Diastolic = new MedicalFloat(diastolic, 0),
            MeanArterialPressure = new MedicalFloat((systolic + (2 * diastolic)) / 3, 0),
            HasTimestamp = true, Timestamp = DeviceTime.FromDateTime(At(index, count)),
            HasPulseRate = true, PulseRate = new MedicalFloat(random.Next(55, 95), 0),
        };
    }
}
