using System;
using System.Linq;
using Dorset.Telehealth.Clinical.Readings;
using Dorset.Telehealth.Clinical.Rules;
using static Dorset.Telehealth.Clinical.Tests.Fakes.Readings;

namespace Dorset.Telehealth.Clinical.Tests.Readings;

/// <summary>Readings that are not the patient's, or whose value or time cannot be trusted, never alert (HAZARD-LOG H9, H19).</summary>
public sealed class AlertEligibilityTests
{
    public static readonly TheoryData<string> NotPatientData = new()
    {
        "control-solution", "demo", "testing", "invalid", "questionable", "implausible", "other-user", "error-record",
    };

    [Theory]
    [MemberData(nameof(NotPatientData))]
    public void Evaluate_FlaggedHypo_HasNoOutcomeAtAll(string flag)
    {
        var reading = Glucose("2.1").Flagged(flag);

        Assert.Empty(Evaluate(reading));
        Assert.Contains(flag, AlertEligibility.WhyNot(reading), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(NotPatientData))]
    public void Evaluate_FlaggedLowSpo2_HasNoOutcomeAtAll(string flag)
    {
        Assert.Empty(Evaluate(Oximetry("85", "135").Flagged(flag)));
    }

    [Theory]
    [InlineData("control-solution", "high")]
    [InlineData("control-solution", "low")]
    [InlineData("testing", "high")]
    [InlineData("other-user", "error-record", "low")]
    public void Evaluate_FlaggedMeterHiLo_StillHasNoOutcome(params string[] flags)
    {
        Assert.Empty(Evaluate(Make(ReadingKinds.Glucose, T0).Flagged(flags)));
    }

    [Fact]
    public void Evaluate_ClockNotSynchronised_HasNoOutcome()
    {
        var reading = Glucose("2.1") with { ClockSynchronised = false };

        Assert.Empty(Evaluate(reading));
        Assert.Contains("clock", AlertEligibility.WhyNot(reading), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(61, false)]
    [InlineData(24 * 60, false)]
    [InlineData(60, true)]
    [InlineData(0, true)]
    public void Evaluate_TakenAfterItWasReceived_AlertsOnlyWithinAnHour(int minutesAhead, bool alerts)
    {
        var reading = Glucose("2.1").ReceivedAfter(TimeSpan.FromMinutes(-minutesAhead));

        Assert.Equal(alerts, Evaluate(reading).Any(o => o.Breached));
        Assert.Equal(alerts, AlertEligibility.WhyNot(reading) == null);
    }

    [Theory]
    [MemberData(nameof(NotPatientData))]
    public void Evaluate_FlaggedReadingInHistory_IsNotCombinedIntoNews2(string flag)
    {
        var flagged = BloodPressure("85", T0 - TimeSpan.FromMinutes(5)).Flagged(flag);

        var score = Evaluate(Oximetry("97", "70"), null, flagged).OutcomeOf("news2-partial")!.Score!;

        Assert.DoesNotContain(score.Parameters, p => p.Name == "systolic");
        Assert.Equal(0, score.Total);
    }

    [Fact]
    public void Evaluate_HistoryWithTheSameKey_IsNotCountedTwice()
    {
        // A re-sent copy of the reading itself (same key) in history must not stand in as another reading.
        var reading = Oximetry("97", "70");
        var copy = reading with { Values = new[] { new MeasuredValue("systolic", 85m, "mmHg") }, Kind = ReadingKinds.BloodPressure };

        var score = Evaluate(reading, null, copy).OutcomeOf("news2-partial")!.Score!;

        Assert.DoesNotContain(score.Parameters, p => p.Name == "systolic");
    }

    [Fact]
    public void Evaluate_EligibleReading_HasOutcomes()
    {
        Assert.NotNull(AlertEligibility.WhyNot(Glucose("2.1").Flagged("control-solution")));
        Assert.Null(AlertEligibility.WhyNot(Glucose("2.1")));
        Assert.Null(AlertEligibility.WhyNot(Make(ReadingKinds.Glucose, T0).Flagged("error-record", "low")));
        Assert.NotEmpty(ClinicalRuleSet.Default.Evaluate(Glucose("2.1"), Array.Empty<ClinicalReading>(), Clinical.Settings.PatientSettings.Default));
    }
}
