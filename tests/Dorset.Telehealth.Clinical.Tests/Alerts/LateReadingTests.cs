using System;
using System.Linq;
using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Clinical.Settings;
using static Dorset.Telehealth.Clinical.Tests.Fakes.Readings;

namespace Dorset.Telehealth.Clinical.Tests.Alerts;

public sealed class LateReadingTests
{
    [Theory]
    [InlineData(60, 60)]
    [InlineData(61, 61)]
    [InlineData(26 * 60 + 30, 26 * 60 + 30)]
    [InlineData(59, null)]
    [InlineData(0, null)]
    public void Evaluate_ReceivedLongAfterItWasTaken_IsMarkedLate(int delayMinutes, int? lateMinutes)
    {
        var reading = Glucose("2.5").ReceivedAfter(TimeSpan.FromMinutes(delayMinutes) + TimeSpan.FromSeconds(20));

        RuleOutcome outcome = Evaluate(reading).OutcomeOf("glucose-low")!;

        Assert.True(outcome.Breached);
        Assert.Equal(lateMinutes, outcome.LateMinutes);
        Assert.Equal(lateMinutes != null, outcome.Summary.StartsWith("LATE reading", StringComparison.Ordinal));
        Assert.Contains("glucose 2.5 mmol/L", outcome.Summary, StringComparison.Ordinal);
        Assert.Equal(reading.TakenUtc, outcome.AtUtc);
    }

    [Fact]
    public void Evaluate_LateReading_SaysHowOld()
    {
        var reading = Oximetry("90").ReceivedAfter(TimeSpan.FromMinutes(5 * 60 + 12));

        RuleOutcome outcome = Evaluate(reading).OutcomeOf("home-oximetry-spo2")!;

        Assert.StartsWith("LATE reading, taken 5 h 12 min before it reached the hub: SpO2 90 %", outcome.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LateReadingWithClearOutcomes_NeverMarksTheClearOnes()
    {
        var late = Evaluate(Glucose("5.5").ReceivedAfter(TimeSpan.FromDays(2)) with { MealContext = "fasting" });

        Assert.Equal(new[] { "glucose-low", "glucose-high", "glucose-meal-target" }, late.Select(o => o.RuleId));
        Assert.All(late, o =>
        {
            Assert.False(o.Breached);
            Assert.Null(o.LateMinutes);
            Assert.DoesNotContain("LATE", o.Summary, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData(29, false)]
    [InlineData(30, true)]
    public void Evaluate_PatientLateAfter_ReplacesTheDefault(int delayMinutes, bool late)
    {
        var settings = PatientSettings.Default with { LateAfterMinutes = 30 };

        RuleOutcome outcome = Evaluate(Glucose("2.5").ReceivedAfter(TimeSpan.FromMinutes(delayMinutes)), settings).OutcomeOf("glucose-low")!;

        Assert.Equal(late, outcome.LateMinutes != null);
    }

    [Theory]
    [InlineData(45, "45 min")]
    [InlineData(59, "59 min")]
    [InlineData(60, "1 h 0 min")]
    [InlineData(312, "5 h 12 min")]
    [InlineData(1439, "23 h 59 min")]
    [InlineData(1440, "1 d 0 h")]
    [InlineData(3060, "2 d 3 h")]
    public void Age_ReadsAsDaysHoursOrMinutes(int minutes, string expected) => Assert.Equal(expected, LateReading.Age(minutes));
}
