using System;
using Dorset.Telehealth.Protocol.BloodPressure;
using Dorset.Telehealth.Protocol.Glucose;
using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.PulseOximetry;
using Dorset.Telehealth.Protocol.Time;
using Dorset.Telehealth.Protocol.Weight;

namespace Dorset.Telehealth.Emulator.VirtualDevices;

/// <summary>
/// The readings a virtual home's devices hold, the same for the same seed and week end: a week of glucose (with a
/// context on every third record), spot-check SpO2 and pulse, weights and blood pressures, spread over the seven days
/// before <see cref="WeekEnd"/>. A few are clinically alarming on purpose, placed so that a demo whose week ends "now"
/// tells an honest story at the hub:
/// <list type="bullet">
/// <item>a hypo (54 mg/dL, 2.997 mmol/L) as the meter's newest record, taken <see cref="MeterReadLateHours"/> h before the week end
/// (the meter was used in the morning and came into the unit's range only now): its alert is marked late, lights the
/// LED and does not sound, and stays open because no later record clears it;</item>
/// <item>an SpO2 of 90 % on the newest spot-check, taken at the week end: a current red alert that sounds;</item>
/// <item>a weight gain of 2.5 kg over the last three weighings, the newest at the week end: heart failure, amber;</item>
/// <item>in the homes of <see cref="CuffFallsSilent"/> seeds, a cuff whose readings stop
/// <see cref="SilentCuffDays"/> days before the week end, so that the hub's stale-device rule (36 h) fires.</item>
/// </list>
/// </summary>
public sealed class ReadingScript
{
    /// <summary>The week end of the scripted vectors and tests: device civil time, as every device time here is.</summary>
    public static readonly DateTime DefaultWeekEnd = new(2026, 11, 24, 7, 0, 0);

    /// <summary>How many hours before the week end the meter's newest record (the hypo) is taken.</summary>
    public const int MeterReadLateHours = 6;

    /// <summary>How many days before the week end a silent cuff's newest reading is taken.</summary>
    public const int SilentCuffDays = 2;

    private const int WeekDays = 7;
    private readonly int _seed;

    /// <summary>The script of <paramref name="seed"/> for the week ending <see cref="DefaultWeekEnd"/>.</summary>
    public ReadingScript(int seed)
        : this(seed, DefaultWeekEnd)
    {
    }

    /// <summary>The script of <paramref name="seed"/> for the week ending at <paramref name="weekEnd"/> (civil time).</summary>
    public ReadingScript(int seed, DateTime weekEnd)
    {
        _seed = seed;
        WeekEnd = DateTime.SpecifyKind(weekEnd, DateTimeKind.Unspecified);
    }

    /// <summary>The end of the scripted week (device clocks are civil time): the newest readings are taken then.</summary>
    public DateTime WeekEnd { get; }

    /// <summary>Whether this home's cuff falls silent before the week end: one home in five (seeds 2, 7, 12, ...).</summary>
    public bool CuffFallsSilent => _seed % 5 == 2;

    public GlucoseMeasurement Glucose(int index, int count)
    {
        Random random = Random(1, index);
        int mgdl = index == count - 1 ? 54 : random.Next(80, 200); // the newest record: a hypo (54 mg/dL, 2.997 mmol/L)
        return new GlucoseMeasurement
        {
            Sequence = index + 1, BaseTime = DeviceTime.FromDateTime(At(index, count, WeekEnd.AddHours(-MeterReadLateHours), WeekDays)), HasTimeOffset = true, TimeOffsetMinutes = 0,
            HasConcentration = true, Concentration = new MedicalFloat(mgdl, -5), Unit = GlucoseConcentrationUnit.KilogramsPerLitre,
            Type = 1, Location = 1,
        };
    }

    public GlucoseContext? GlucoseContext(int index) =>
        index % 3 == 0 ? new GlucoseContext { Sequence = index + 1, HasMeal = true, Meal = 1 + (index % 5) } : null;

    public PlxSpotCheck SpotCheck(int index, int count)
    {
        Random random = Random(2, index);
        bool newest = index == count - 1; // the newest spot-check, at the week end: an SpO2 of 90 %
        return new PlxSpotCheck
        {
            SpO2 = new MedicalFloat(newest ? 90 : random.Next(94, 100), 0), PulseRate = new MedicalFloat(random.Next(55, 95), 0),
            HasTimestamp = true, Timestamp = DeviceTime.FromDateTime(At(index, count, WeekEnd, WeekDays)),
        };
    }

    public WeightMeasurement Weight(int index, int count)
    {
        // 80.000 kg rising to 82.500 kg over the last three readings: a heart-failure fluid warning.
        int grams = index >= count - 3 ? 80_000 + (2_500 * (index - (count - 4)) / 3) : 80_000 + Random(3, index).Next(-300, 300);
        return new WeightMeasurement { RawWeight = grams / 5, HasTimestamp = true, Timestamp = DeviceTime.FromDateTime(At(index, count, WeekEnd, WeekDays)) };
    }

    public BloodPressureMeasurement BloodPressure(int index, int count)
    {
        Random random = Random(4, index);
        int systolic = random.Next(110, 160), diastolic = random.Next(65, 95);
        // A silent cuff's readings fill the first days of the week and stop SilentCuffDays before its end.
        DateTime at = CuffFallsSilent ? At(index, count, WeekEnd.AddDays(-SilentCuffDays), WeekDays - SilentCuffDays) : At(index, count, WeekEnd, WeekDays);
        return new BloodPressureMeasurement
        {
            Systolic = new MedicalFloat(systolic, 0), Diastolic = new MedicalFloat(diastolic, 0),
            MeanArterialPressure = new MedicalFloat((systolic + (2 * diastolic)) / 3, 0),
            HasTimestamp = true, Timestamp = DeviceTime.FromDateTime(at),
            HasPulseRate = true, PulseRate = new MedicalFloat(random.Next(55, 95), 0),
        };
    }

    // Reading index of count, evenly spread over the days before end; the last is taken at end itself.
    private static DateTime At(int index, int count, DateTime end, int days) =>
        end.AddMinutes(-days * 24 * 60 + (days * 24 * 60 * (index + 1) / Math.Max(count, 1)));

    // Not HashCode.Combine: it is randomised per process, and a restarted emulator must produce the same readings.
    private Random Random(int kind, int index) => new(unchecked((_seed * 1_000_003) + (kind * 10_007) + index));
}
