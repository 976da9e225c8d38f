using System;
using System.Linq;
using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Clinical.Rules;
using Dorset.Telehealth.Clinical.Scoring;
using Dorset.Telehealth.Clinical.Settings;
using static Dorset.Telehealth.Clinical.Tests.Fakes.Readings;

namespace Dorset.Telehealth.Clinical.Tests.Rules;

public sealed class PartialNews2RuleTests
{
    private const string Rule = "news2-partial";

    // Scale 1: SpO2 92 scores 2, 96 scores 0; pulse 111 scores 2, 131 scores 3; systolic 91 -> 2, 101 -> 1, 111 -> 0.
    [Theory]
    [InlineData("96", "70", "120", false, 0, null)]
    [InlineData("92", "111", "111", false, 4, null)]
    [InlineData("92", "111", "101", false, 5, AlertLevel.Red)]
    [InlineData("92", "111", "91", false, 6, AlertLevel.Red)]
    [InlineData("92", "111", "101", true, 7, AlertLevel.RedUrgent)]
    [InlineData("96", "70", "120", true, 2, null)]
    public void Evaluate_Aggregate_EscalatesAtFiveAndSeven(string spo2, string pulse, string systolic, bool oxygen, int total, AlertLevel? expected)
    {
        var settings = PatientSettings.Default with { SupplementalOxygen = oxygen };
        var bp = BloodPressure(systolic, T0 - TimeSpan.FromMinutes(10));

        RuleOutcome? outcome = Evaluate(Oximetry(spo2, pulse), settings, bp).OutcomeOf(Rule);

        AssertLevel(outcome, expected);
        Assert.Equal(total, outcome!.Score!.Total);
        Assert.Equal(oxygen ? 2 : 0, outcome.Score.Parameters.Single(p => p.Name == "oxygen").Score);
        Assert.Contains(expected == AlertLevel.RedUrgent ? "emergency" : expected == AlertLevel.Red ? "urgent" : "partial", outcome.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("96", "131", "120")]
    [InlineData("96", "40", "120")]
    [InlineData("91", "70", "120")]
    [InlineData("96", "70", "90")]
    [InlineData("96", "70", "220")]
    public void Evaluate_AnySingleParameterScoringThree_IsUrgentBelowFive(string spo2, string pulse, string systolic)
    {
        var outcome = Evaluate(Oximetry(spo2, pulse), null, BloodPressure(systolic, T0 - TimeSpan.FromMinutes(5))).OutcomeOf(Rule)!;

        Assert.Equal(3, outcome.Score!.Total);
        Assert.Equal(News2Escalation.Urgent, outcome.Score.Escalation);
        AssertLevel(outcome, AlertLevel.Red);
    }

    [Theory]
    [InlineData("93", false, 0)]
    [InlineData("93", true, 3)]
    [InlineData("97", true, 5)]
    [InlineData("88", true, 2)]
    [InlineData("85", false, 2)]
    public void Evaluate_Scale2Patient_ScoresSpo2OnScale2AndAddsOxygen(string spo2, bool oxygen, int total)
    {
        var settings = PatientSettings.Default with { Spo2Scale = 2, SupplementalOxygen = oxygen };

        PartialNews2 score = Evaluate(Oximetry(spo2, "70"), settings).OutcomeOf(Rule)!.Score!;

        Assert.Equal(2, score.Spo2Scale);
        Assert.Equal(total, score.Total);
    }

    [Theory]
    [InlineData(60, true)]
    [InlineData(61, false)]
    public void Evaluate_ReadingsCombine_OnlyWithinTheWindow(int minutesBefore, bool combined)
    {
        var bp = BloodPressure("91", T0 - TimeSpan.FromMinutes(minutesBefore));

        PartialNews2 score = Evaluate(Oximetry("97", "70"), null, bp).OutcomeOf(Rule)!.Score!;

        Assert.Equal(combined, score.Parameters.Any(p => p.Name == "systolic"));
        Assert.Equal(combined ? 2 : 0, score.Total);
        Assert.Equal(combined, !score.Describe().Contains("not measured: systolic", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(30, true)]
    [InlineData(31, false)]
    public void Evaluate_PatientWindow_ReplacesTheDefault(int minutesBefore, bool combined)
    {
        var settings = PatientSettings.Default with { News2WindowMinutes = 30 };
        var oximetry = Oximetry("97", "70", T0 - TimeSpan.FromMinutes(minutesBefore));

        PartialNews2 score = Evaluate(BloodPressure("120"), settings, oximetry).OutcomeOf(Rule)!.Score!;

        Assert.Equal(combined, score.Parameters.Any(p => p.Name == "spo2"));
    }

    [Fact]
    public void Evaluate_ReadingsFromLaterThanTheReading_DoNotCombine()
    {
        var later = BloodPressure("91", T0 + TimeSpan.FromMinutes(5));

        PartialNews2 score = Evaluate(Oximetry("97", "70"), null, later).OutcomeOf(Rule)!.Score!;

        Assert.DoesNotContain(score.Parameters, p => p.Name == "systolic");
    }

    [Fact]
    public void Evaluate_Score_ReportsEachParametersValueSourceAndAge()
    {
        var bp = BloodPressure("101", T0 - TimeSpan.FromMinutes(42));
        var oximetry = Oximetry("95", "91");

        PartialNews2 score = Evaluate(oximetry, null, bp).OutcomeOf(Rule)!.Score!;

        var byName = score.Parameters.ToDictionary(p => p.Name);
        Assert.Equal(("95", 1, oximetry.Key, TimeSpan.Zero), (byName["spo2"].Value, byName["spo2"].Score, byName["spo2"].ReadingKey, byName["spo2"].Age));
        Assert.Equal(("91", 1, oximetry.Key, TimeSpan.Zero), (byName["pulse"].Value, byName["pulse"].Score, byName["pulse"].ReadingKey, byName["pulse"].Age));
        Assert.Equal(("101", 1, bp.Key, TimeSpan.FromMinutes(42)), (byName["systolic"].Value, byName["systolic"].Score, byName["systolic"].ReadingKey, byName["systolic"].Age));
        Assert.Equal(T0, score.AtUtc);
    }

    [Fact]
    public void Evaluate_BreachEvidence_NamesEachReadingAtItsOwnTime()
    {
        var bp = BloodPressure("91", T0 - TimeSpan.FromMinutes(20));

        RuleOutcome outcome = Evaluate(Oximetry("92", "111"), null, bp).OutcomeOf(Rule)!;

        Evidence systolic = outcome.Evidence.Single(e => e.Name == "systolic");
        Assert.Equal((bp.Key, "91", bp.TakenUtc), (systolic.ReadingKey, systolic.Value, systolic.TakenUtc));
        Assert.DoesNotContain(outcome.Evidence, e => e.Name == "oxygen");
    }

    [Fact]
    public void Evaluate_TwoReadingsOfAParameterInTheWindow_UsesTheNewest()
    {
        var older = BloodPressure("91", T0 - TimeSpan.FromMinutes(50));
        var newer = BloodPressure("120", T0 - TimeSpan.FromMinutes(10));

        PartialNews2 score = Evaluate(Oximetry("97", "70"), null, older, newer).OutcomeOf(Rule)!.Score!;

        Assert.Equal(newer.Key, score.Parameters.Single(p => p.Name == "systolic").ReadingKey);
    }

    [Theory]
    [InlineData(true, true, "")]
    [InlineData(true, false, "not measured: systolic")]
    [InlineData(false, false, "not measured: pulse, systolic")]
    public void Evaluate_Always_IsPartialAndNamesWhatWasNotMeasured(bool pulse, bool bp, string missing)
    {
        var history = bp ? new[] { BloodPressure("120", T0 - TimeSpan.FromMinutes(1)) } : Array.Empty<Dorset.Telehealth.Clinical.Readings.ClinicalReading>();

        RuleOutcome outcome = Evaluate(Oximetry("97", pulse ? "70" : null), null, history).OutcomeOf(Rule)!;

        Assert.True(outcome.Score!.IsPartial);
        Assert.StartsWith("partial NEWS2", outcome.Summary, StringComparison.Ordinal);
        Assert.Contains("not a full NEWS2", outcome.Summary, StringComparison.Ordinal);
        if (missing.Length == 0)
        {
            Assert.DoesNotContain("not measured", outcome.Summary, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains(missing, outcome.Summary, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Evaluate_BloodPressureWithCuffPulse_ScoresItsOwnPulse()
    {
        PartialNews2 score = Evaluate(BloodPressure("120", pulse: "131")).OutcomeOf(Rule)!.Score!;

        Assert.Equal(3, score.Parameters.Single(p => p.Name == "pulse").Score);
    }

    [Fact]
    public void Evaluate_NotANews2Kind_SaysNothing()
    {
        Assert.Null(Evaluate(Glucose("2.0")).OutcomeOf(Rule));
        Assert.Null(ClinicalRuleSet.HistoryFor(Glucose("2.0"), PatientSettings.Default));
    }

    [Fact]
    public void HistoryFor_News2Reading_AsksForTheWindowUpToTheReading()
    {
        var settings = PatientSettings.Default with { News2WindowMinutes = 45 };

        HistoryRequest request = ClinicalRuleSet.HistoryFor(Oximetry("97"), settings)!;

        Assert.Equal(T0 - TimeSpan.FromMinutes(45), request.FromUtc);
        Assert.Equal(T0, request.ToUtc);
        Assert.Contains("blood-pressure", request.Kinds);
        Assert.Contains("pulse-oximetry", request.Kinds);
    }
}
