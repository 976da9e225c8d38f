using System.Collections.Generic;

namespace Dorset.Telehealth.Clinical.Settings;

/// <summary>
/// One patient's alert settings. Every threshold defaults to clinical.md and can be overridden per patient by a
/// clinician; each rule reads only its own fields. Durations are whole minutes or hours so that a setting reads the
/// same in the CLI, in JSON and in the audit log.
/// </summary>
public sealed record PatientSettings
{
    /// <summary>The defaults, for a patient with no overrides.</summary>
    public static readonly PatientSettings Default = new();

    /// <summary>NEWS2 SpO2 scale: 1, or 2 for a prescribed target of 88-92 % (hypercapnic respiratory failure).</summary>
    public int Spo2Scale { get; init; } = 1;

    /// <summary>Whether the patient is on supplemental oxygen at home (NEWS2 adds 2; scale 2 scores high SpO2 on oxygen).</summary>
    public bool SupplementalOxygen { get; init; }

    /// <summary>Home oximetry: SpO2 at or below this is red-urgent (default 92 %).</summary>
    public decimal Spo2UrgentAtOrBelow { get; init; } = 92m;

    /// <summary>Home oximetry: SpO2 at or below this (and above the urgent one) is amber (default 94 %).</summary>
    public decimal Spo2AmberAtOrBelow { get; init; } = 94m;

    /// <summary>Glucose below this is red (default 4.0 mmol/L, "four is the floor").</summary>
    public decimal GlucoseLowBelow { get; init; } = 4.0m;

    /// <summary>Glucose below this is red-urgent (default 3.0 mmol/L, level 2 hypoglycaemia).</summary>
    public decimal GlucoseVeryLowBelow { get; init; } = 3.0m;

    /// <summary>Glucose above this is amber (default 15.0 mmol/L).</summary>
    public decimal GlucoseHighAbove { get; init; } = 15.0m;

    /// <summary>Glucose above this is red (default 20.0 mmol/L).</summary>
    public decimal GlucoseVeryHighAbove { get; init; } = 20.0m;

    /// <summary>Before a meal, glucose above this is outside target, a notice (default 7.0 mmol/L, NICE NG17).</summary>
    public decimal GlucosePreMealAbove { get; init; } = 7.0m;

    /// <summary>After a meal, glucose above this is outside target, a notice (default 9.0 mmol/L, NICE NG17).</summary>
    public decimal GlucosePostMealAbove { get; init; } = 9.0m;

    /// <summary>Heart-failure weight: a gain of more than this over the window is amber (default 2.0 kg).</summary>
    public decimal WeightGainKg { get; init; } = 2.0m;

    /// <summary>The weight window in UK calendar days back from each weighing (default 3).</summary>
    public int WeightGainDays { get; init; } = 3;

    /// <summary>Readings within this many minutes of each other combine into one partial NEWS2 (default 60).</summary>
    public int News2WindowMinutes { get; init; } = 60;

    /// <summary>A reading that reaches the hub this many minutes after it was taken is late (default 60).</summary>
    public int LateAfterMinutes { get; init; } = 60;

    /// <summary>Hours an expected device may be silent before a stale-data notice (default 36).</summary>
    public int DeviceScheduleHours { get; init; } = 36;

    /// <summary>Per device kind (glucose-meter, weight-scale, ...): its own schedule in hours, overriding the default.</summary>
    public IReadOnlyDictionary<string, int> DeviceScheduleHoursByKind { get; init; } = new Dictionary<string, int>();

    /// <summary>
    /// The device kinds the patient is expected to use; null means every paired device. A kind not listed never raises
    /// a stale-data notice.
    /// </summary>
    public IReadOnlyList<string>? ExpectedDeviceKinds { get; init; }

    /// <summary>A unit offline longer than this many minutes raises a notice (default 60).</summary>
    public int UnitOfflineMinutes { get; init; } = 60;

    /// <summary>A unit or device battery at or below this percentage raises a notice (default 20).</summary>
    public int BatteryLowAtOrBelow { get; init; } = 20;

    /// <summary>The schedule in hours of a device of <paramref name="deviceKind"/>.</summary>
    public int ScheduleHoursFor(string deviceKind) =>
        DeviceScheduleHoursByKind.TryGetValue(deviceKind, out int hours) ? hours : DeviceScheduleHours;

    /// <summary>Null when every value is in range; otherwise the first problem, naming the setting.</summary>
    public string? Validate()
    {
        return Spo2Scale is not (1 or 2) ? "spo2Scale must be 1 or 2"
            : !InRange(Spo2UrgentAtOrBelow, 50, 100) ? "spo2UrgentAtOrBelow must be 50..100 %"
            : !InRange(Spo2AmberAtOrBelow, Spo2UrgentAtOrBelow, 100) ? "spo2AmberAtOrBelow must be spo2UrgentAtOrBelow..100 %"
            : !InRange(GlucoseVeryLowBelow, 1, 10) ? "glucoseVeryLowBelow must be 1..10 mmol/L"
            : !InRange(GlucoseLowBelow, GlucoseVeryLowBelow, 10) ? "glucoseLowBelow must be glucoseVeryLowBelow..10 mmol/L"
            : !InRange(GlucoseHighAbove, GlucoseLowBelow, 40) ? "glucoseHighAbove must be glucoseLowBelow..40 mmol/L"
            : !InRange(GlucoseVeryHighAbove, GlucoseHighAbove, 40) ? "glucoseVeryHighAbove must be glucoseHighAbove..40 mmol/L"
            : !InRange(GlucosePreMealAbove, GlucoseLowBelow, 40) ? "glucosePreMealAbove must be glucoseLowBelow..40 mmol/L"
            : !InRange(GlucosePostMealAbove, GlucoseLowBelow, 40) ? "glucosePostMealAbove must be glucoseLowBelow..40 mmol/L"
            : !InRange(WeightGainKg, 0.1m, 20) ? "weightGainKg must be 0.1..20 kg"
            : WeightGainDays is < 1 or > 14 ? "weightGainDays must be 1..14"
            : News2WindowMinutes is < 1 or > 1440 ? "news2WindowMinutes must be 1..1440"
            : LateAfterMinutes is < 1 or > 10080 ? "lateAfterMinutes must be 1..10080"
            : !ValidSchedules() ? "deviceScheduleHours must be 1..720 for every device kind"
            : UnitOfflineMinutes is < 1 or > 10080 ? "unitOfflineMinutes must be 1..10080"
            : BatteryLowAtOrBelow is < 0 or > 100 ? "batteryLowAtOrBelow must be 0..100 %"
            : null;
    }

    private static bool InRange(decimal value, decimal min, decimal max) => value >= min && value <= max;

    private bool ValidSchedules()
    {
        if (DeviceScheduleHours is < 1 or > 720)
        {
            return false;
        }

        foreach (int hours in DeviceScheduleHoursByKind.Values)
        {
            if (hours is < 1 or > 720)
            {
                return false;
            }
        }

        return true;
    }
}
