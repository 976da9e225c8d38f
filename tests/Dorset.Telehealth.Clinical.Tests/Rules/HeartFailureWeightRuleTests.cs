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

    // The window is today and the 3 UK dates before, however many hours that is. Elapsed minutes are worked by hand
    // from Europe/London (clocks forward 2026-03-29 01:00 GMT, back 2026-10-25 02:00 BST) and checked against the tz
    // database, so each row really is the case it claims.
    [Theory]
    // Plain June week: day-4 at 23:59 is out though only 72 h 2 min before; day-3 at 00:01 is in though 95 h 58 min.
    [InlineData("2026-06-06T23:59", "2026-06-10T00:01", 72 * 60 + 2, false)]
    [InlineData("2026-06-07T00:01", "2026-06-10T23:59", 95 * 60 + 58, true)]
    // 00:30 on the 23-hour spring-forward day (still GMT): the 25th is out, the 26th in.
    [InlineData("2026-03-25T23:59", "2026-03-29T00:30", 72 * 60 + 31, false)]
    [InlineData("2026-03-26T00:00", "2026-03-29T00:30", 72 * 60 + 30, true)]
    // 23:30 BST on the spring-forward day is 94 h 20 min after 00:10 GMT on the 26th, still 3 dates before.
    [InlineData("2026-03-26T00:10", "2026-03-29T23:30", 94 * 60 + 20, true)]
    // 00:30 BST on 30 March is 23:30 UTC on the 29th: a low 71 h 40 min before, on the 26th, is 4 UK dates back (out),
    // though a 72-hour window or one counted in UTC dates would take it.
    [InlineData("2026-03-26T23:50", "2026-03-30T00:30", 71 * 60 + 40, false)]
    // 00:30 BST on the 25-hour fall-back day is 23:30 UTC on the 24th: the 21st is 4 UK dates back (out), the 22nd in.
    [InlineData("2026-10-21T23:45", "2026-10-25T00:30", 72 * 60 + 45, false)]
    [InlineData("2026-10-22T00:00", "2026-10-25T00:30", 72 * 60 + 30, true)]
    // 23:30 GMT on the fall-back day is exactly 96 h after 00:30 BST on the 22nd (23:30 UTC on the 21st): in.
    [InlineData("2026-10-22T00:30", "2026-10-25T23:30", 96 * 60, true)]
    public void Evaluate_WindowAcrossDayBoundariesAndClockChanges_CountsUkCalendarDates(string lowLocal, string weighingLocal, int elapsedMinutes, bool breached)
    {
        var low = WeightAtLocal("70.0", Local(lowLocal));
        var weighing = WeightAtLocal("72.5", Local(weighingLocal));
        Assert.Equal(TimeSpan.FromMinutes(elapsedMinutes), weighing.TakenUtc - low.TakenUtc);
        Assert.Equal(DateOnly.FromDateTime(Local(weighingLocal)), weighing.TakenLocalDate);

        AssertLevel(Evaluate(weighing, null, low).OutcomeOf(Rule), breached ? AlertLevel.Amber : null);
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
        // As old as today's weighing, which the breach is about: not the 26 h of the late one that revealed it.
        Assert.Equal((int)(late.ReceivedUtc - today.TakenUtc).TotalMinutes, outcome.LateMinutes);
        Assert.True(outcome.LateMinutes < 26 * 60);
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
        DateTime at = Local(local);
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

    private static DateTime Local(string text) => DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

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
