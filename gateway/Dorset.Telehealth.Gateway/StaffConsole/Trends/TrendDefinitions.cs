using System;
using System.Collections.Generic;
using Dorset.Telehealth.Clinical.Readings;
using Dorset.Telehealth.Clinical.Settings;

namespace Dorset.Telehealth.Gateway.StaffConsole.Trends;

/// <summary>
/// The patient page's charts: glucose (mmol/L), SpO2 (%), pulse (bpm), weight (kg) and blood pressure (mmHg), each with
/// the bands of the rule that judges it, from the patient's effective settings where the rule has settings.
/// </summary>
public static class TrendDefinitions
{
    /// <summary>NEWS2 pulse scores 3, red on its own, at or below this (clinical.md; News2Scoring.Pulse).</summary>
    public const decimal PulseNews2ThreeAtOrBelow = 40m;

    /// <summary>NEWS2 pulse scores 3 at or above this.</summary>
    public const decimal PulseNews2ThreeAtOrAbove = 131m;

    /// <summary>NEWS2 systolic scores 3, red on its own, at or below this (clinical.md; News2Scoring.Systolic).</summary>
    public const decimal SystolicNews2ThreeAtOrBelow = 90m;

    /// <summary>NEWS2 systolic scores 3 at or above this.</summary>
    public const decimal SystolicNews2ThreeAtOrAbove = 220m;

    /// <summary>The charts in page order.</summary>
    public static IReadOnlyList<TrendDefinition> All { get; } = new[]
    {
        new TrendDefinition("glucose", "Glucose", "mmol/L", new[] { ReadingKinds.Glucose },
            new[] { new TrendValue("glucose", ReadingKinds.Glucose, GlucoseConcentration.Millimolar) }, GlucoseBands,
            "A meter's HI or LO result has no number and is listed in the table, not charted."),
        new TrendDefinition("spo2", "SpO2", "%", new[] { ReadingKinds.PulseOximetry },
            new[] { Value(ReadingKinds.PulseOximetry, "SpO2", ReadingKinds.Spo2, "%") }, Spo2Bands,
            "The home oximetry pathway's thresholds; a partial NEWS2 alert is marked on the readings that scored."),
        new TrendDefinition("pulse", "Pulse", "bpm", new[] { ReadingKinds.PulseOximetry, ReadingKinds.BloodPressure },
            new[] { new TrendValue("pulse", ReadingKinds.Pulse, r => r.Find(ReadingKinds.Pulse, "/min")?.Value) },
            _ => News2Bands(PulseNews2ThreeAtOrBelow, PulseNews2ThreeAtOrAbove, "bpm"),
            "From the oximeter and the blood pressure cuff. A NEWS2 pulse score of 1 or 2 counts only within the partial NEWS2."),
        new TrendDefinition("weight", "Weight", "kg", new[] { ReadingKinds.Weight },
            new[] { Value(ReadingKinds.Weight, "weight", ReadingKinds.Weight, "kg") }, _ => Array.Empty<TrendBand>(),
            "No bands: the heart-failure rule alerts on a gain over days, not on a weight (see the 3-day change)."),
        new TrendDefinition("blood-pressure", "Blood pressure", "mmHg", new[] { ReadingKinds.BloodPressure },
            new[] { Value(ReadingKinds.BloodPressure, "systolic", ReadingKinds.Systolic, "mmHg"), Value(ReadingKinds.BloodPressure, "diastolic", "diastolic", "mmHg") },
            _ => News2Bands(SystolicNews2ThreeAtOrBelow, SystolicNews2ThreeAtOrAbove, "mmHg systolic"),
            "A NEWS2 systolic score of 1 or 2 counts only within the partial NEWS2; diastolic has no alert rule."),
    };

    private static TrendValue Value(string kind, string name, string valueName, string unit) =>
        new(name, valueName, r => r.Kind == kind ? r.Find(valueName, unit)?.Value : null);

    // Strict "below" and "above", as GlucoseLowRule and GlucoseHighRule compare.
    private static IReadOnlyList<TrendBand> GlucoseBands(PatientSettings s) => new[]
    {
        new TrendBand(null, s.GlucoseVeryLowBelow, "red-urgent", $"red-urgent below {s.GlucoseVeryLowBelow} mmol/L"),
        new TrendBand(s.GlucoseVeryLowBelow, s.GlucoseLowBelow, "red", $"red below {s.GlucoseLowBelow} mmol/L"),
        new TrendBand(s.GlucoseHighAbove, s.GlucoseVeryHighAbove, "amber", $"amber above {s.GlucoseHighAbove} mmol/L"),
        new TrendBand(s.GlucoseVeryHighAbove, null, "red", $"red above {s.GlucoseVeryHighAbove} mmol/L"),
    };

    private static IReadOnlyList<TrendBand> Spo2Bands(PatientSettings s) => new[]
    {
        new TrendBand(null, s.Spo2UrgentAtOrBelow, "red-urgent", $"red-urgent at or below {s.Spo2UrgentAtOrBelow} %"),
        new TrendBand(s.Spo2UrgentAtOrBelow, s.Spo2AmberAtOrBelow, "amber", $"amber at or below {s.Spo2AmberAtOrBelow} %"),
    };

    private static IReadOnlyList<TrendBand> News2Bands(decimal low, decimal high, string unit) => new[]
    {
        new TrendBand(null, low, "red", $"red (NEWS2 3) at or below {low} {unit}"),
        new TrendBand(high, null, "red", $"red (NEWS2 3) at or above {high} {unit}"),
    };
}
