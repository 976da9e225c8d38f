using System;
using System.Linq;
using Dorset.Telehealth.Clinical.Readings;
using Dorset.Telehealth.Clinical.Rules;
using Dorset.Telehealth.Clinical.Settings;
using Dorset.Telehealth.Gateway.StaffConsole.Trends;
using static Dorset.Telehealth.Gateway.Tests.Fakes.ClinicalReadings;

namespace Dorset.Telehealth.Gateway.Tests.StaffConsole.Trends;

/// <summary>The weight's 3-day change: the newest weighing against the lowest earlier one of the heart-failure rule's window.</summary>
public sealed class WeightChangeTests
{
    // Monday 23 November 2026 and the days before it, GMT (UK time = UTC).
    private static DateTimeOffset Nov(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    private static Dorset.Telehealth.Clinical.Alerts.RuleOutcome RuleOn(ClinicalReading newest, params ClinicalReading[] history) =>
        ClinicalRuleSet.Default.Evaluate(newest, history, PatientSettings.Default).Single(o => o.RuleId == "hf-weight-gain");

    [Fact]
    public void Of_AGain_IsNewestMinusTheLowestEarlierWeighing_AndIsTheGainTheRuleJudges()
    {
        var tooOld = Weight("78.0", Nov(19, 8));
        var low = Weight("80.0", Nov(20, 8));
        var middle = Weight("81.0", Nov(21, 8));
        var newest = Weight("82.6", Nov(23, 8));

        WeightChange change = WeightChange.Of(new[] { newest, tooOld, middle, low }, PatientSettings.Default)!;

        Assert.Equal(82.6m, change.NewestKg);
        Assert.Equal(80.0m, change.EarlierLowKg);
        Assert.Equal(Nov(20, 8), change.EarlierLowTakenUtc);
        Assert.Equal(2.6m, change.ChangeKg);
        Assert.Equal("+2.6 kg", change.ChangeText);
        Assert.True(change.AboveLimit);
        var rule = RuleOn(newest, tooOld, low, middle);
        Assert.True(rule.Breached);
        Assert.Equal(change.ChangeKg, rule.Worst!.Value);
    }

    [Fact]
    public void Of_TheWindowIsCalendarDays_NotHours_AsTheRuleCounts()
    {
        // Friday 07:50 to Monday 08:20 is more than 72 h, but Friday is one of "the 3 days before" Monday.
        var friday = Weight("80.0", Nov(20, 7, 50));
        var monday = Weight("82.5", Nov(23, 8, 20));

        WeightChange change = WeightChange.Of(new[] { friday, monday }, PatientSettings.Default)!;

        Assert.Equal(2.5m, change.ChangeKg);
        Assert.Equal(change.ChangeKg, RuleOn(monday, friday).Worst!.Value);
    }

    [Fact]
    public void Of_AFall_ShowsWithItsSign_WhereTheRuleIsClear()
    {
        var earlier = Weight("82.0", Nov(22, 8));
        var newest = Weight("81.4", Nov(23, 8));

        WeightChange change = WeightChange.Of(new[] { earlier, newest }, PatientSettings.Default)!;

        Assert.Equal(-0.6m, change.ChangeKg);
        Assert.Equal("-0.6 kg", change.ChangeText);
        Assert.False(change.AboveLimit);
        Assert.False(RuleOn(newest, earlier).Breached);
    }

    [Fact]
    public void Of_UsesThePatientsWindowAndLimit()
    {
        var settings = PatientSettings.Default with { WeightGainDays = 1, WeightGainKg = 1.0m };
        var twoDaysBefore = Weight("79.0", Nov(21, 8));
        var dayBefore = Weight("80.0", Nov(22, 8));
        var newest = Weight("81.5", Nov(23, 8));

        WeightChange change = WeightChange.Of(new[] { twoDaysBefore, dayBefore, newest }, settings)!;

        Assert.Equal(1.5m, change.ChangeKg);
        Assert.Equal(1, change.Days);
        Assert.True(change.AboveLimit);
    }

    [Fact]
    public void Of_WithoutAnEarlierWeighing_HasNoChange_AndWithoutWeighingsIsNull()
    {
        WeightChange only = WeightChange.Of(new[] { Weight("80.0", Nov(23, 8)), Glucose("5.0", Nov(22, 8)) }, PatientSettings.Default)!;

        Assert.Null(only.ChangeKg);
        Assert.Equal("no change to show", only.ChangeText);
        Assert.Null(WeightChange.Of(new[] { Glucose("5.0", Nov(22, 8)) }, PatientSettings.Default));
    }

    [Fact]
    public void Of_WeighingsThatNeverAlert_AreLeftOut()
    {
        // Someone else on a shared scale, newest and lightest: neither the newest weighing nor the low.
        var other = Weight("60.0", Nov(23, 9)).Flagged("other-user");
        var earlier = Weight("80.0", Nov(22, 8));
        var newest = Weight("80.4", Nov(23, 8));

        WeightChange change = WeightChange.Of(new[] { other, earlier, newest }, PatientSettings.Default)!;

        Assert.Equal(80.4m, change.NewestKg);
        Assert.Equal(0.4m, change.ChangeKg);
    }
}
