using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Dorset.Telehealth.Emulator.VirtualDevices;

namespace Dorset.Telehealth.Emulator.Tests.VirtualDevices;

/// <summary>
/// The scripted week the demo tells its story with: it ends where it is told to, the SpO2 of 90 % is the newest
/// spot-check, the hypo is the meter's newest record and hours old, the weight gain ends at the newest weighing, and one home in five has a cuff
/// silent for longer than the hub's 36 h stale-device schedule.
/// </summary>
public class ReadingScriptTests
{
    private const int Glucose = 28, SpO2 = 7, Weight = 7, BloodPressure = 7;
    private static readonly DateTime DemoWeekEnd = new(2026, 12, 1, 9, 0, 0);

    [Fact]
    public void WeekEnd_MovedByAnAmount_MovesEveryReadingByThatAmount_AndChangesNoValue()
    {
        // 7 days, 2 h and 13 min later: not a whole number of days, so no reading can line up with one of the old week.
        var shift = new TimeSpan(7, 2, 13, 0);
        for (int seed = 1; seed <= 5; seed++)
        {
            List<(DateTime Time, string Value)> before = Readings(new ReadingScript(seed));
            List<(DateTime Time, string Value)> after = Readings(new ReadingScript(seed, ReadingScript.DefaultWeekEnd + shift));

            Assert.Equal(before.Count, after.Count);
            for (int i = 0; i < before.Count; i++)
            {
                Assert.Equal(before[i].Time + shift, after[i].Time);
                Assert.Equal(before[i].Value, after[i].Value);
            }
        }
    }

    [Fact]
    public void SameSeedAndWeekEnd_GiveTheSameReadings_AsARestartedEmulatorNeeds()
    {
        Assert.Equal(Readings(new ReadingScript(12, DemoWeekEnd)), Readings(new ReadingScript(12, DemoWeekEnd)));
        Assert.NotEqual(Readings(new ReadingScript(12, DemoWeekEnd)), Readings(new ReadingScript(13, DemoWeekEnd)));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(4)]
    [InlineData(1)]
    public void SpotChecks_TheNewest_IsTheOnlySpO2Of90_TakenAtTheWeekEnd(int count)
    {
        for (int seed = 1; seed <= 20; seed++)
        {
            var checks = Enumerable.Range(0, count).Select(i => new ReadingScript(seed, DemoWeekEnd).SpotCheck(i, count)).ToList();
            var newest = checks.MaxBy(c => c.Timestamp.ToDateTime())!;

            Assert.Equal(DemoWeekEnd, newest.Timestamp.ToDateTime());
            Assert.Equal("90", newest.SpO2.ToString());
            Assert.All(checks.Where(c => c != newest), c => Assert.True(decimal.Parse(c.SpO2.ToString(), CultureInfo.InvariantCulture) >= 94, c.SpO2.ToString()));
        }
    }

    [Fact]
    public void Hypo_IsTheMetersNewestRecord_TakenHoursBeforeTheWeekEnd_SoItsAlertIsLateAndNothingClearsIt()
    {
        for (int seed = 1; seed <= 20; seed++)
        {
            var script = new ReadingScript(seed, DemoWeekEnd);
            var records = Enumerable.Range(0, Glucose).Select(i => script.Glucose(i, Glucose)).ToList();
            var hypos = records.Where(g => decimal.Parse(g.MilligramsPerDecilitre.ToString(), CultureInfo.InvariantCulture) / 18.016m < 4.0m).ToList();

            var hypo = Assert.Single(hypos);
            Assert.Equal(records.Max(g => g.Time.ToDateTime()), hypo.Time.ToDateTime());
            Assert.Equal(records.Max(g => g.Sequence), hypo.Sequence);
            // Late at the hub: taken more than an hour before the week end, when the demo's fleet sends it.
            Assert.True(DemoWeekEnd - hypo.Time.ToDateTime() > TimeSpan.FromHours(1), hypo.Time.ToIsoString());
            Assert.True(DemoWeekEnd - hypo.Time.ToDateTime() < TimeSpan.FromHours(36), hypo.Time.ToIsoString());
        }
    }

    [Fact]
    public void Weighings_RiseByMoreThan2KgOverTheLast3Days_EndingAtTheNewestWeighingAtTheWeekEnd()
    {
        var script = new ReadingScript(4, DemoWeekEnd);
        var weighings = Enumerable.Range(0, Weight).Select(i => script.Weight(i, Weight)).OrderBy(w => w.Timestamp.ToDateTime()).ToList();
        var newest = weighings[^1];
        decimal lowOfTheThreeDaysBefore = weighings.Where(w => w.Timestamp.ToDateTime().Date >= DemoWeekEnd.Date.AddDays(-3))
            .Min(w => decimal.Parse(w.Weight.ToString(), CultureInfo.InvariantCulture));

        Assert.Equal(DemoWeekEnd, newest.Timestamp.ToDateTime());
        Assert.Equal(82.5m, decimal.Parse(newest.Weight.ToString(), CultureInfo.InvariantCulture));
        Assert.True(82.5m - lowOfTheThreeDaysBefore > 2.0m, $"low {lowOfTheThreeDaysBefore}");
    }

    [Fact]
    public void Cuffs_InOneHomeInFive_FallSilentMoreThan36HoursBeforeTheWeekEnd_AndTheOthersMeasureUntilIt()
    {
        // Fleet unit i has seed 1 + i, so of 20 homes these four (seed % 5 == 2) have a silent cuff.
        var silent = new HashSet<int> { 2, 7, 12, 17 };
        for (int seed = 1; seed <= 20; seed++)
        {
            var script = new ReadingScript(seed, DemoWeekEnd);
            DateTime newest = Enumerable.Range(0, BloodPressure).Max(i => script.BloodPressure(i, BloodPressure).Timestamp.ToDateTime());
            DateTime oldest = Enumerable.Range(0, BloodPressure).Min(i => script.BloodPressure(i, BloodPressure).Timestamp.ToDateTime());

            Assert.Equal(silent.Contains(seed), script.CuffFallsSilent);
            if (silent.Contains(seed))
            {
                Assert.True(DemoWeekEnd - newest > TimeSpan.FromHours(36), $"seed {seed}: newest blood pressure {newest:s}");
            }
            else
            {
                Assert.Equal(DemoWeekEnd, newest);
            }

            Assert.True(oldest > DemoWeekEnd.AddDays(-7), $"seed {seed}: oldest blood pressure {oldest:s} is outside the week");
        }
    }

    // Every reading of a home, in script order, with its device time and its values as text.
    private static List<(DateTime Time, string Value)> Readings(ReadingScript script)
    {
        var list = new List<(DateTime, string)>();
        for (int i = 0; i < Glucose; i++)
        {
            var g = script.Glucose(i, Glucose);
            list.Add((g.Time.ToDateTime(), g.MilligramsPerDecilitre + " " + script.GlucoseContext(i)?.Meal));
        }

        for (int i = 0; i < SpO2; i++)
        {
            var s = script.SpotCheck(i, SpO2);
            list.Add((s.Timestamp.ToDateTime(), s.SpO2 + "/" + s.PulseRate));
        }

        for (int i = 0; i < Weight; i++)
        {
            var w = script.Weight(i, Weight);
            list.Add((w.Timestamp.ToDateTime(), w.Weight.ToString()));
        }

        for (int i = 0; i < BloodPressure; i++)
        {
            var b = script.BloodPressure(i, BloodPressure);
            list.Add((b.Timestamp.ToDateTime(), $"{b.Systolic}/{b.Diastolic} {b.PulseRate}"));
        }

        return list;
    }
}
