using System;
using System.Linq;
using Dorset.Telehealth.Clinical.Readings;
using Dorset.Telehealth.Gateway.StaffConsole.Trends;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using static Dorset.Telehealth.Gateway.Tests.Fakes.ClinicalReadings;

namespace Dorset.Telehealth.Gateway.Tests.StaffConsole.Trends;

/// <summary>The 14-day fingerstick summary: what counts, the consensus boundaries, mg/dL, hypo episodes, and no GMI.</summary>
public sealed class GlucoseSummaryTests
{
    private static DateTimeOffset HoursAgo(double hours) => Now - TimeSpan.FromHours(hours);

    [Fact]
    public void Of_KnownReadings_CountsMeanAndShares()
    {
        var readings = new[] { "5.0", "6.0", "7.0", "12.0", "3.5" }.Select((v, i) => Glucose(v, HoursAgo(10 * (i + 1)))).ToList();

        GlucoseSummary summary = GlucoseSummary.Of(readings, Now);

        Assert.Equal(5, summary.Readings);
        Assert.Equal(6.7m, summary.MeanMmol); // 33.5 / 5
        Assert.Equal(1, summary.Below3_9);
        Assert.Equal(0, summary.Below3_0);
        Assert.Equal(1, summary.Above10_0);
        Assert.Equal(0, summary.Above13_9);
        Assert.Equal(1, summary.HypoEpisodes);
        Assert.Equal("1 of 5 (20 %)", summary.Share(summary.Below3_9));
    }

    [Theory]
    [InlineData("3.9", "mmol/L", false, false, false, false)]
    [InlineData("3.89", "mmol/L", true, false, false, false)]
    [InlineData("3.0", "mmol/L", true, false, false, false)]
    [InlineData("2.99", "mmol/L", true, true, false, false)]
    [InlineData("10.0", "mmol/L", false, false, false, false)]
    [InlineData("10.01", "mmol/L", false, false, true, false)]
    [InlineData("13.9", "mmol/L", false, false, true, false)]
    [InlineData("13.91", "mmol/L", false, false, true, true)]
    // mg/dL converted as the alerts convert (cut to 0.001 mmol/L): 70 is 3.885, 71 is 3.940, 54 is 2.997, 55 is 3.052,
    // 180 is 9.991, 181 is 10.046, 250 is 13.876, 251 is 13.932.
    [InlineData("70", "mg/dL", true, false, false, false)]
    [InlineData("71", "mg/dL", false, false, false, false)]
    [InlineData("54", "mg/dL", true, true, false, false)]
    [InlineData("55", "mg/dL", true, false, false, false)]
    [InlineData("180", "mg/dL", false, false, false, false)]
    [InlineData("181", "mg/dL", false, false, true, false)]
    [InlineData("250", "mg/dL", false, false, true, false)]
    [InlineData("251", "mg/dL", false, false, true, true)]
    public void Of_Boundaries_BelowIsStrictlyBelow_AboveIsStrictlyAbove(string value, string unit, bool below39, bool below30, bool above100, bool above139)
    {
        GlucoseSummary summary = GlucoseSummary.Of(new[] { Glucose(value, HoursAgo(1), unit) }, Now);

        Assert.Equal(1, summary.Readings);
        Assert.Equal((below39, below30, above100, above139), (summary.Below3_9 == 1, summary.Below3_0 == 1, summary.Above10_0 == 1, summary.Above13_9 == 1));
    }

    [Fact]
    public void Of_MilligramReadings_AreConvertedForTheMean()
    {
        // 90 mg/dL = 4.995 mmol/L (cut), 126 mg/dL = 6.993: mean 5.994, shown 6.0.
        GlucoseSummary summary = GlucoseSummary.Of(new[] { Glucose("90", HoursAgo(2), "mg/dL"), Glucose("126", HoursAgo(1), "mg/dL") }, Now);

        Assert.Equal(6.0m, summary.MeanMmol);
    }

    [Theory]
    [InlineData("control-solution")]
    [InlineData("invalid")]
    [InlineData("demo")]
    [InlineData("implausible")]
    [InlineData("other-user")]
    public void Of_ReadingsThatNeverAlert_AreNotCounted(string flag)
    {
        var readings = new[] { Glucose("2.1", HoursAgo(3)).Flagged(flag), Glucose("6.0", HoursAgo(2)) };

        GlucoseSummary summary = GlucoseSummary.Of(readings, Now);

        Assert.Equal(1, summary.Readings);
        Assert.Equal(1, summary.NotCounted);
        Assert.Equal(6.0m, summary.MeanMmol);
        Assert.Equal(0, summary.Below3_9);
        Assert.Equal(0, summary.HypoEpisodes);
    }

    [Fact]
    public void Of_ClockFault_IsNotCounted()
    {
        var unsynced = Glucose("2.5", HoursAgo(1)) with { ClockSynchronised = false };

        GlucoseSummary summary = GlucoseSummary.Of(new[] { unsynced }, Now);

        Assert.Equal(0, summary.Readings);
        Assert.Equal(1, summary.NotCounted);
        Assert.Null(summary.MeanMmol);
        Assert.Equal("no readings", summary.Share(summary.Below3_9));
    }

    [Fact]
    public void Of_OnlyTheLast14Days_AndOnlyGlucose()
    {
        var readings = new[]
        {
            Glucose("2.0", Now - TimeSpan.FromDays(14) - TimeSpan.FromMinutes(1)),
            Glucose("8.0", Now - TimeSpan.FromDays(14)),
            Weight("80.0", HoursAgo(1)),
        };

        GlucoseSummary summary = GlucoseSummary.Of(readings, Now);

        Assert.Equal(1, summary.Readings);
        Assert.Equal(8.0m, summary.MeanMmol);
        Assert.Equal(0, summary.NotCounted);
    }

    [Fact]
    public void Of_HypoEpisodes_LowsWithin15MinutesOfTheLastLowMerge_AnInRangeReadingOrALongerGapSplits()
    {
        DateTimeOffset t = Now - TimeSpan.FromDays(2);
        var readings = new[]
        {
            // Episode 1: 3.2, recheck 15 min later 3.6 (same episode, exactly 15 min), 15 min later again 3.7 (chained).
            Glucose("3.2", t), Glucose("3.6", t.AddMinutes(15)), Glucose("3.7", t.AddMinutes(30)),
            // Episode 2: a low 16 min after the previous low is a new episode.
            Glucose("3.5", t.AddMinutes(46)),
            // In range, then low again 5 min later: the in-range reading ended episode 2, so this is episode 3.
            Glucose("4.5", t.AddMinutes(50)), Glucose("3.8", t.AddMinutes(55)),
            // A day later, alone: episode 4. Given out of order: the summary sorts by time.
            Glucose("2.8", t.AddDays(1)),
        }.Reverse().ToList();

        GlucoseSummary summary = GlucoseSummary.Of(readings, Now);

        Assert.Equal(4, summary.HypoEpisodes);
        Assert.Equal(6, summary.Below3_9);
        Assert.Equal(1, summary.Below3_0);
    }

    [Fact]
    public void Of_MeterLoAndHi_CountBeyondTheRanges_ButNotInTheMean()
    {
        // The meter's number on LO and HI is its limit, not the patient's value.
        var lo = Glucose("0.6", HoursAgo(3)).Flagged("low");
        var hi = Glucose("33.3", HoursAgo(2)).Flagged("high");
        var noNumber = Make(ReadingKinds.Glucose, HoursAgo(1.5)).Flagged("error-record", "high");
        var normal = Glucose("7.0", HoursAgo(1));

        GlucoseSummary summary = GlucoseSummary.Of(new[] { lo, hi, noNumber, normal }, Now);

        Assert.Equal(4, summary.Readings);
        Assert.Equal(7.0m, summary.MeanMmol);
        Assert.Equal((1, 1, 2, 2), (summary.Below3_9, summary.Below3_0, summary.Above10_0, summary.Above13_9));
        Assert.Equal(1, summary.HypoEpisodes);
    }
}
