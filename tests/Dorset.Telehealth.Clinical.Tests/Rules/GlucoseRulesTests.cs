using System;
using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Clinical.Readings;
using Dorset.Telehealth.Clinical.Settings;
using static Dorset.Telehealth.Clinical.Tests.Fakes.Readings;

namespace Dorset.Telehealth.Clinical.Tests.Rules;

/// <summary>glucose-low and glucose-high: the safety thresholds of clinical.md, in mmol/L and converted from mg/dL.</summary>
public sealed class GlucoseRulesTests
{
    private const string Low = "glucose-low";
    private const string High = "glucose-high";

    [Theory]
    [InlineData("1.5", AlertLevel.RedUrgent)]
    [InlineData("2.9", AlertLevel.RedUrgent)]
    [InlineData("2.99", AlertLevel.RedUrgent)]
    [InlineData("3.0", AlertLevel.Red)]
    [InlineData("3.1", AlertLevel.Red)]
    [InlineData("3.9", AlertLevel.Red)]
    [InlineData("3.99", AlertLevel.Red)]
    [InlineData("4.0", null)]
    [InlineData("4.1", null)]
    [InlineData("25", null)]
    public void GlucoseLow_AroundFourAndThree_HasTheHypoLevel(string mmol, AlertLevel? expected)
    {
        AssertLevel(Evaluate(Glucose(mmol)).OutcomeOf(Low), expected);
    }

    [Theory]
    [InlineData("3.0", null)]
    [InlineData("15.0", null)]
    [InlineData("15.01", AlertLevel.Amber)]
    [InlineData("15.1", AlertLevel.Amber)]
    [InlineData("20.0", AlertLevel.Amber)]
    [InlineData("20.01", AlertLevel.Red)]
    [InlineData("20.1", AlertLevel.Red)]
    [InlineData("33.3", AlertLevel.Red)]
    public void GlucoseHigh_AroundFifteenAndTwenty_HasTheHyperLevel(string mmol, AlertLevel? expected)
    {
        AssertLevel(Evaluate(Glucose(mmol)).OutcomeOf(High), expected);
    }

    // Expected mmol/L worked by hand: mg/dL / 18.016, cut (not rounded) to 0.001: 72 / 18.016 = 3.99645 -> 3.996, below
    // 4.0 although a one-decimal meter display would show 4.0. A hypo is never rounded away.
    [Theory]
    [InlineData("53", "2.941", Low, AlertLevel.RedUrgent)]
    [InlineData("54", "2.997", Low, AlertLevel.RedUrgent)]
    [InlineData("71", "3.94", Low, AlertLevel.Red)]
    [InlineData("72", "3.996", Low, AlertLevel.Red)]
    [InlineData("73", "4.051", Low, null)]
    [InlineData("270", "14.986", High, null)]
    [InlineData("272", "15.097", High, AlertLevel.Amber)]
    [InlineData("360", "19.982", High, AlertLevel.Amber)]
    [InlineData("361", "20.037", High, AlertLevel.Red)]
    public void Glucose_InMilligramsPerDecilitre_IsJudgedInMillimolesPerLitre(string mgdl, string mmol, string rule, AlertLevel? expected)
    {
        RuleOutcome? outcome = Evaluate(Glucose(mgdl, "mg/dL")).OutcomeOf(rule);

        AssertLevel(outcome, expected);
        if (expected != null)
        {
            Assert.Equal(new MeasuredValue("glucose", Dec(mmol), "mmol/L"), outcome!.Worst);
            Assert.Equal(mmol, Assert.Single(outcome.Evidence).Value);
        }
    }

    [Fact]
    public void Glucose_BothUnitsSent_UsesTheMillimolarValueAsSent()
    {
        // 70 mg/dL alone would be 3.9 mmol/L (a hypo); the meter's own mmol/L value wins.
        var reading = Make(ReadingKinds.Glucose, T0, new MeasuredValue("glucose", 70m, "mg/dL"), new MeasuredValue("glucose", 4.2m, "mmol/L"));

        AssertLevel(Evaluate(reading).OutcomeOf(Low), null);
    }

    [Theory]
    [InlineData("high", High, Low, AlertLevel.Red, "HI")]
    [InlineData("low", Low, High, AlertLevel.RedUrgent, "LO")]
    public void MeterHiLo_ErrorRecordWithNoValue_AlertsAsHiOrLo(string flag, string rule, string otherRule, AlertLevel expected, string shown)
    {
        var reading = Make(ReadingKinds.Glucose, T0).Flagged("error-record", flag);

        var outcomes = Evaluate(reading);

        RuleOutcome outcome = outcomes.OutcomeOf(rule)!;
        AssertLevel(outcome, expected);
        Assert.Contains("meter " + shown, outcome.Summary, StringComparison.Ordinal);
        Assert.Equal(shown, Assert.Single(outcome.Evidence).Value);
        Assert.Null(outcome.Worst);
        Assert.Null(outcomes.OutcomeOf(otherRule));
    }

    [Theory]
    [InlineData("high", "5.5", High, AlertLevel.Red)]
    [InlineData("low", "5.5", Low, AlertLevel.RedUrgent)]
    public void MeterHiLo_WithANumberInRange_AlertsAsTheFlagSays(string flag, string mmol, string rule, AlertLevel expected)
    {
        AssertLevel(Evaluate(Glucose(mmol).Flagged(flag)).OutcomeOf(rule), expected);
    }

    [Theory]
    [InlineData(nameof(PatientSettings.GlucoseVeryLowBelow), "3.5", "3.4", Low, AlertLevel.RedUrgent)]
    [InlineData(nameof(PatientSettings.GlucoseVeryLowBelow), "3.5", "3.5", Low, AlertLevel.Red)]
    [InlineData(nameof(PatientSettings.GlucoseLowBelow), "4.5", "4.4", Low, AlertLevel.Red)]
    [InlineData(nameof(PatientSettings.GlucoseLowBelow), "4.5", "4.5", Low, null)]
    [InlineData(nameof(PatientSettings.GlucoseHighAbove), "12.0", "12.1", High, AlertLevel.Amber)]
    [InlineData(nameof(PatientSettings.GlucoseHighAbove), "12.0", "12.0", High, null)]
    [InlineData(nameof(PatientSettings.GlucoseVeryHighAbove), "18.0", "18.1", High, AlertLevel.Red)]
    [InlineData(nameof(PatientSettings.GlucoseVeryHighAbove), "18.0", "18.0", High, AlertLevel.Amber)]
    public void Glucose_PatientOverride_MovesTheThreshold(string setting, string threshold, string mmol, string rule, AlertLevel? expected)
    {
        var settings = Settings.PatientSettingsTests.With(PatientSettings.Default, setting, threshold);

        AssertLevel(Evaluate(Glucose(mmol), settings).OutcomeOf(rule), expected);
    }
}
