using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Clinical.Settings;
using static Dorset.Telehealth.Clinical.Tests.Fakes.Readings;

namespace Dorset.Telehealth.Clinical.Tests.Rules;

public sealed class HomeOximetryRuleTests
{
    private const string Rule = "home-oximetry-spo2";

    [Theory]
    [InlineData("85", AlertLevel.RedUrgent)]
    [InlineData("91.9", AlertLevel.RedUrgent)]
    [InlineData("92", AlertLevel.RedUrgent)]
    [InlineData("92.1", AlertLevel.Amber)]
    [InlineData("93", AlertLevel.Amber)]
    [InlineData("94", AlertLevel.Amber)]
    [InlineData("94.1", null)]
    [InlineData("95", null)]
    [InlineData("100", null)]
    public void Evaluate_Spo2AroundThePathwayThresholds_HasThePathwayLevel(string spo2, AlertLevel? expected)
    {
        RuleOutcome? outcome = Evaluate(Oximetry(spo2)).OutcomeOf(Rule);

        AssertLevel(outcome, expected);
    }

    [Fact]
    public void Evaluate_Breach_NamesTheValueAndKeepsItAsTheWorst()
    {
        var reading = Oximetry("91", "88");

        RuleOutcome outcome = Evaluate(reading).OutcomeOf(Rule)!;

        Evidence evidence = Assert.Single(outcome.Evidence);
        Assert.Equal((reading.Key, "spo2", "91", "%", reading.TakenUtc), (evidence.ReadingKey, evidence.Name, evidence.Value, evidence.Unit, evidence.TakenUtc));
        Assert.Equal(91m, outcome.Worst!.Value);
        Assert.Equal(WorseDirection.Lower, outcome.WorseWhen);
        Assert.Contains("SpO2 91 %", outcome.Summary, System.StringComparison.Ordinal);
        Assert.Equal(reading.TakenUtc, outcome.AtUtc);
    }

    [Theory]
    [InlineData("88", AlertLevel.RedUrgent)]
    [InlineData("88.1", AlertLevel.Amber)]
    [InlineData("90", AlertLevel.Amber)]
    [InlineData("90.1", null)]
    [InlineData("92", null)]
    public void Evaluate_PatientThresholdsLowered_UseThePatientsThresholds(string spo2, AlertLevel? expected)
    {
        var settings = PatientSettings.Default with { Spo2UrgentAtOrBelow = 88m, Spo2AmberAtOrBelow = 90m };

        AssertLevel(Evaluate(Oximetry(spo2), settings).OutcomeOf(Rule), expected);
    }

    [Fact]
    public void Evaluate_NotAnOximetryReading_SaysNothing()
    {
        Assert.Null(Evaluate(BloodPressure("120")).OutcomeOf(Rule));
        Assert.Null(Evaluate(Glucose("5.0")).OutcomeOf(Rule));
    }
}
