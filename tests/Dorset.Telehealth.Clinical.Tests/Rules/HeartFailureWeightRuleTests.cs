using System;
using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Clinical.Readings;
using Dorset.Telehealth.Clinical.Rules;
using Dorset.Telehealth.Clinical.Settings;
using static Dorset.Telehealth.Clinical.Tests.Fakes.Readings;

namespace Dorset.Telehealth.Clinical.Tests.Rules;

public sealed class HeartFailureWeightRuleTests
{
    private const string Rule = "hf-weight-gain";

    /// <summary>A Thursday in BST; "day-N" below is N UK calendar days before it.</summary>
    private static readonly DateTime Today = new(2026, 6, 11, 8, 0, 0);

    [Theory]
    [InlineData("71.99", false)]
    [InlineData("72.0", false)]
    [InlineData("72.01", true)]
    [InlineData("72.1", true)]
    public void Evaluate_GainAroundTwoKilograms_IsAmberOnlyAboveIt(string kg, bool breached)
    {
        var low = WeightAtLocal("70.0", Today.AddDays(-3));

        RuleOutcome outcome = Evaluate(WeightAtLocal(kg, Today), null, low).OutcomeOf(Rule)!;

        AssertLevel(outcome, breached ? AlertLevel.Amber : null);
    }

    [Fact]
    public void Evaluate_Breach_ComparesWithTheLowestOfTheWindowAndNamesBothReadings()
    {
        var day3 = WeightAtLocal("70.8", Today.AddDays(-3));
        var day2 = WeightAtLocal("70.2", Today.AddDays(-2));
        var day1 = WeightAtLocal("71.5", Today.AddDays(-1));
        var today = WeightAtLocal("72.4", Today);

        RuleOutcome outcome = Evaluate(today, null, day3, day2, day1).OutcomeOf(Rule)!;

        AssertLevel(outcome, AlertLevel.Amber);
        Assert.Collection(outcome.Evidence,
            from => Assert.Equal((day2.Key, "70.2", day2.TakenUtc), (from.ReadingKey, from.Value, from.TakenUtc)),
            to => Assert.Equal((today.Key, "72.4", today.TakenUtc), (to.ReadingKey, to.Value, to.TakenUtc)));
        Assert.Equal(2.2m, outcome.Worst!.Value);
        Assert.Contains("2026-06-09", outcome.Summary, StringComparison.Ordinal);
        Assert.Contains("2026-06-11", outcome.Summary, StringComparison.Ordinal);
        Assert.Contains("heart failure team", outcome.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LowOnDayFour_IsOutsideTheWindow()
    {
        var day4 = WeightAtLocal("69.0", Today.AddDays(-4));
        var day3 = WeightAtLocal("70.5", Today.AddDays(-3));

        RuleOutcome outcome = Evaluate(WeightAtLocal("72.0", Today), null, day4, day3).OutcomeOf(Rule)!;

        AssertLevel(outcome, null);
    }

    [Fact]
    public void Evaluate_DayFourAt2359_IsOutsideThoughOnly72HoursAnd2MinutesBefore()
    {
        var low = WeightAtLocal("70.0", Today.Date.AddDays(-4).AddHours(23).AddMinutes(59));
        var today = WeightAtLocal("72.5", Today.Date.AddMinutes(1));
        Assert.Equal(TimeSpan.FromHours(72) + TimeSpan.FromMinutes(2), today.TakenUtc - low.TakenUtc);

        AssertLevel(Evaluate(today, null, low).OutcomeOf(Rule), null);
    }

    [Fact]
    public void Evaluate_DayThreeAt0001_IsInsideThoughNearly96HoursBefore()
    {
        var low = WeightAtLocal("70.0", Today.Date.AddDays(-3).AddMinutes(1));
        var today = WeightAtLocal("72.5", Today.Date.AddHours(23).AddMinutes(59));
        Assert.True(today.TakenUtc - low.TakenUtc > TimeSpan.FromHours(95));

        AssertLevel(Evaluate(today, null, low).OutcomeOf(Rule), AlertLevel.Amber);
    }

    [Fact]
    public void Evaluate_SpringForward_00h30OnTheDayAfter_CountsCalendarDaysNotUtcDatesOr72Hours()
    {
        // 2026-03-29 01:00 GMT the clocks go forward. 00:30 BST on 30 March is 23:30 UTC on 29 March; 23:50 GMT on
        // 26 March is 71 h 40 min earlier. A 72-hour window, or one counted in UTC dates, would include it.
        var low = WeightAtLocal("70.0", new DateTime(2026, 3, 26, 23, 50, 0));
        var weighing = WeightAtLocal("72.5", new DateTime(2026, 3, 30, 0, 30, 0));
        Assert.Equal(new DateOnly(2026, 3, 30), weighing.TakenLocalDate);
        Assert.Equal(new DateOnly(2026, 3, 29), DateOnly.FromDateTime(weighing.TakenUtc.UtcDateTime));
        Assert.True(weighing.TakenUtc - low.TakenUtc < TimeSpan.FromHours(72));

        AssertLevel(Evaluate(weighing, null, low).OutcomeOf(Rule), null);
    }

    [Fact]
    public void Evaluate_SpringForwardDay_LowThreeDatesBeforeMoreThan72HoursAgo_IsInside()
    {
        // 23:30 BST on 29 March (a 23-hour day) is 94 h 20 min after 00:10 GMT on 26 March, still 3 dates before.
        var low = WeightAtLocal("70.0", new DateTime(2026, 3, 26, 0, 10, 0));
        var weighing = WeightAtLocal("72.5", new DateTime(2026, 3, 29, 23, 30, 0));
        Assert.Equal(TimeSpan.FromHours(94) + TimeSpan.FromMinutes(20), weighing.TakenUtc - low.TakenUtc);

        AssertLevel(Evaluate(weighing, null, low).OutcomeOf(Rule), AlertLevel.Amber);
    }

    [Fact]
    public void Evaluate_FallBack_00h30IsTheLocalDateNotTheUtcDate()
    {
        // 2026-10-25 02:00 BST the clocks go back. 00:30 BST on 25 October is 23:30 UTC on 24 October; a low at
        // 23:45 BST on 21 October is 4 dates before locally but only 3 in UTC.
        var low = WeightAtLocal("70.0", new DateTime(2026, 10, 21, 23, 45, 0));
        var weighing = WeightAtLocal("72.5", new DateTime(2026, 10, 25, 0, 30, 0));
        Assert.Equal(new DateOnly(2026, 10, 25), weighing.TakenLocalDate);
        Assert.Equal(new DateOnly(2026, 10, 24), DateOnly.FromDateTime(weighing.TakenUtc.UtcDateTime));

        AssertLevel(Evaluate(weighing, null, low).OutcomeOf(Rule), null);
    }

    [Fact]
    public void Evaluate_FallBackDay_LowAt00h30ThreeDatesBefore_IsInsideThough96HoursAgo()
    {
        // 23:30 GMT on 25 October (a 25-hour day) is exactly 96 h after 00:30 BST on 22 October (23:30 UTC on the 21st).
        var low = WeightAtLocal("70.0", new DateTime(2026, 10, 22, 0, 30, 0));
        var weighing = WeightAtLocal("72.5", new DateTime(2026, 10, 25, 23, 30, 0));
        Assert.Equal(new DateOnly(2026, 10, 21), DateOnly.FromDateTime(low.TakenUtc.UtcDateTime));
        Assert.Equal(TimeSpan.FromHours(96), weighing.TakenUtc - low.TakenUtc);

        AssertLevel(Evaluate(weighing, null, low).OutcomeOf(Rule), AlertLevel.Amber);
    }

    [Fact]
    public void Evaluate_LateLowWeighing_RejudgesTheLaterWeighingItNowPrecedes()
    {
        var day2 = WeightAtLocal("71.0", Today.AddDays(-2));
        var today = WeightAtLocal("72.6", Today);
        AssertLevel(Evaluate(today, null, day2).OutcomeOf(Rule), null);
        // Yesterday's 70.5 kg waited in the unit's outbox and reaches the hub after today's weighing.
        var late = WeightAtLocal("70.5", Today.AddDays(-1)).ReceivedAfter(TimeSpan.FromHours(26));
        Assert.True(late.ReceivedUtc > today.ReceivedUtc);

        RuleOutcome outcome = Evaluate(late, null, day2, today).OutcomeOf(Rule)!;

        AssertLevel(outcome, AlertLevel.Amber);
        Assert.Equal(new[] { late.Key, today.Key }, new[] { outcome.Evidence[0].ReadingKey, outcome.Evidence[1].ReadingKey });
        Assert.Equal(today.TakenUtc, outcome.AtUtc);
        Assert.Equal(2.1m, outcome.Worst!.Value);
        Assert.Equal(26 * 60, outcome.LateMinutes);
    }

    // Weighings at either end of a day, in weeks with a clock change: the host must load every weighing from the first
    // instant of 3 UK dates before to the last instant of 3 UK dates after.
    [Theory]
    [InlineData("2026-10-22T00:30:00")]
    [InlineData("2026-10-25T23:30:00")]
    [InlineData("2026-03-26T00:10:00")]
    [InlineData("2026-03-29T23:30:00")]
    [InlineData("2026-06-11T00:00:00")]
    [InlineData("2026-06-11T23:59:59")]
    public void HistoryFor_Weighing_CoversEveryWeighingWhoseWindowItCouldBeIn(string local)
    {
        DateTime at = DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture);
        var weighing = WeightAtLocal("70.0", at);
        DateTimeOffset first = UtcOfLocal(at.Date.AddDays(-3));
        DateTimeOffset last = UtcOfLocal(at.Date.AddDays(4).AddSeconds(-1));

        HistoryRequest request = ClinicalRuleSet.HistoryFor(weighing, PatientSettings.Default)!;

        Assert.Equal(new[] { "weight" }, request.Kinds);
        Assert.True(request.FromUtc <= first, $"from {request.FromUtc:O} is after {first:O}");
        Assert.True(request.ToUtc >= last, $"to {request.ToUtc:O} is before {last:O}");
    }

    [Fact]
    public void Evaluate_LaterWeighingOnTheSameDateThatIsWithinTheLimit_IsClear()
    {
        // This morning's weighing breached; this evening's is back within 2 kg of the low. The evening weighing cannot
        // change the morning's judgement, so it is judged on its own (and later ones), and the alert may resolve.
        var day1 = WeightAtLocal("70.0", Today.AddDays(-1));
        var morning = WeightAtLocal("72.5", Today);
        var evening = WeightAtLocal("71.5", Today.AddHours(12));

        RuleOutcome outcome = Evaluate(evening, null, day1, morning).OutcomeOf(Rule)!;

        AssertLevel(outcome, null);
    }

    [Fact]
    public void Evaluate_LowerWeighingLaterTheSameDay_IsNotTheLowForAnEarlierOne()
    {
        var evening = WeightAtLocal("70.0", Today.AddHours(12));

        RuleOutcome outcome = Evaluate(WeightAtLocal("72.5", Today), null, evening).OutcomeOf(Rule)!;

        AssertLevel(outcome, null);
    }

    [Theory]
    [InlineData("control-solution")]
    [InlineData("other-user")]
    [InlineData("implausible")]
    [InlineData("invalid")]
    public void Evaluate_IneligibleWeighing_IsNeverTheLowestWeight(string flag)
    {
        var flaggedLow = WeightAtLocal("65.0", Today.AddDays(-1)).Flagged(flag);
        var day2 = WeightAtLocal("71.0", Today.AddDays(-2));

        RuleOutcome outcome = Evaluate(WeightAtLocal("72.0", Today), null, flaggedLow, day2).OutcomeOf(Rule)!;

        AssertLevel(outcome, null);
    }

    [Fact]
    public void Evaluate_UnsynchronisedClockWeighing_IsNeverTheLowestWeight()
    {
        var low = WeightAtLocal("65.0", Today.AddDays(-1)) with { ClockSynchronised = false };

        AssertLevel(Evaluate(WeightAtLocal("72.0", Today), null, low).OutcomeOf(Rule), null);
    }

    [Theory]
    [InlineData("1.0", 3, "-3", "71.0", false)]
    [InlineData("1.0", 3, "-3", "71.01", true)]
    [InlineData("2.0", 1, "-2", "73.0", false)]
    [InlineData("2.0", 1, "-1", "72.01", true)]
    [InlineData("2.0", 5, "-5", "72.01", true)]
    public void Evaluate_PatientLimitAndDays_ReplaceTheDefaults(string limitKg, int days, string lowDay, string kg, bool breached)
    {
        var settings = PatientSettings.Default with { WeightGainKg = Dec(limitKg), WeightGainDays = days };
        var low = WeightAtLocal("70.0", Today.AddDays(int.Parse(lowDay, System.Globalization.CultureInfo.InvariantCulture)));

        RuleOutcome outcome = Evaluate(WeightAtLocal(kg, Today), settings, low).OutcomeOf(Rule)!;

        AssertLevel(outcome, breached ? AlertLevel.Amber : null);
    }

    [Fact]
    public void Evaluate_FirstWeighing_IsClear()
    {
        AssertLevel(Evaluate(WeightAtLocal("90.0", Today)).OutcomeOf(Rule), null);
    }

    [Fact]
    public void Evaluate_NotAWeighing_SaysNothing()
    {
        Assert.Null(Evaluate(Glucose("5.0"), null, WeightAtLocal("70.0", Today)).OutcomeOf(Rule));
        Assert.Null(Evaluate(Make(ReadingKinds.Weight, T0).Flagged("error-record", "high")).OutcomeOf(Rule));
    }
}
