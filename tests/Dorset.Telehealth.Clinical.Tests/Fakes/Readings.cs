using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Clinical.Readings;
using Dorset.Telehealth.Clinical.Rules;
using Dorset.Telehealth.Clinical.Settings;

namespace Dorset.Telehealth.Clinical.Tests.Fakes;

/// <summary>
/// Readings as the host would hand them to the rules. Local dates come from the tz database here, never from the code
/// under test, so that a rule that counted UTC dates or 72 hours would disagree with these tests.
/// </summary>
internal static class Readings
{
    /// <summary>A plain weekday in British Summer Time, 09:00 local.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 5, 12, 8, 0, 0, TimeSpan.Zero);

    public static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private static int s_sequence;

    public static decimal Dec(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    public static DateOnly LocalDateOf(DateTimeOffset utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(utc, London).DateTime);

    /// <summary>The UTC instant of a UK wall-clock time (which must exist and be unambiguous).</summary>
    public static DateTimeOffset UtcOfLocal(DateTime local)
    {
        Assert.False(London.IsInvalidTime(local) || London.IsAmbiguousTime(local), $"{local:s} is not a single UK instant");
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), London), TimeSpan.Zero);
    }

    public static ClinicalReading Make(string kind, DateTimeOffset takenUtc, params MeasuredValue[] values)
    {
        int sequence = Interlocked.Increment(ref s_sequence);
        string key = string.Create(CultureInfo.InvariantCulture, $"unit-0042/{sequence}/C0:26:DA:01:02:03/-");
        return new ClinicalReading(key, kind, values, Array.Empty<string>(), takenUtc, LocalDateOf(takenUtc), takenUtc + TimeSpan.FromSeconds(5), true);
    }

    public static ClinicalReading Glucose(string value, string unit = "mmol/L", DateTimeOffset? takenUtc = null) =>
        Make(ReadingKinds.Glucose, takenUtc ?? T0, new MeasuredValue(ReadingKinds.Glucose, Dec(value), unit));

    public static ClinicalReading Oximetry(string spo2, string? pulse = null, DateTimeOffset? takenUtc = null)
    {
        var values = new List<MeasuredValue> { new(ReadingKinds.Spo2, Dec(spo2), "%") };
        if (pulse != null)
        {
            values.Add(new MeasuredValue(ReadingKinds.Pulse, Dec(pulse), "/min"));
        }

        return Make(ReadingKinds.PulseOximetry, takenUtc ?? T0, values.ToArray());
    }

    public static ClinicalReading BloodPressure(string systolic, DateTimeOffset? takenUtc = null, string? pulse = null)
    {
        var values = new List<MeasuredValue> { new(ReadingKinds.Systolic, Dec(systolic), "mmHg"), new("diastolic", 70m, "mmHg") };
        if (pulse != null)
        {
            values.Add(new MeasuredValue(ReadingKinds.Pulse, Dec(pulse), "/min"));
        }

        return Make(ReadingKinds.BloodPressure, takenUtc ?? T0, values.ToArray());
    }

    public static ClinicalReading Weight(string kg, DateTimeOffset takenUtc) =>
        Make(ReadingKinds.Weight, takenUtc, new MeasuredValue(ReadingKinds.Weight, Dec(kg), "kg"));

    /// <summary>A weighing at a UK wall-clock time.</summary>
    public static ClinicalReading WeightAtLocal(string kg, DateTime local) => Weight(kg, UtcOfLocal(local));

    public static ClinicalReading Flagged(this ClinicalReading reading, params string[] flags) => reading with { Flags = flags };

    public static ClinicalReading ReceivedAfter(this ClinicalReading reading, TimeSpan delay) => reading with { ReceivedUtc = reading.TakenUtc + delay };

    public static IReadOnlyList<RuleOutcome> Evaluate(ClinicalReading reading, PatientSettings? settings = null, params ClinicalReading[] history) =>
        ClinicalRuleSet.Default.Evaluate(reading, history, settings ?? PatientSettings.Default);

    /// <summary>The one outcome of <paramref name="ruleId"/>, or null when that rule said nothing.</summary>
    public static RuleOutcome? OutcomeOf(this IReadOnlyList<RuleOutcome> outcomes, string ruleId) =>
        outcomes.SingleOrDefault(o => o.RuleId == ruleId);

    /// <summary>Null <paramref name="expected"/> means clear.</summary>
    public static void AssertLevel(RuleOutcome? outcome, AlertLevel? expected)
    {
        Assert.NotNull(outcome);
        if (expected == null)
        {
            Assert.False(outcome.Breached, outcome.Summary);
        }
        else
        {
            Assert.True(outcome.Breached, outcome.Summary);
            Assert.Equal(expected.Value, outcome.Level);
        }
    }
}
