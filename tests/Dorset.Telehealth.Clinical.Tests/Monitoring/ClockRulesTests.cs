using System;
using System.Collections.Generic;
using System.Linq;
using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Clinical.Monitoring;
using Dorset.Telehealth.Clinical.Settings;

namespace Dorset.Telehealth.Clinical.Tests.Monitoring;

/// <summary>stale-device, unit-offline and battery-low, each given the time explicitly.</summary>
public sealed class ClockRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static UnitSnapshot Unit(bool online = true, TimeSpan? offlineFor = null, int? battery = null, params DeviceSnapshot[] devices) =>
        new("unit-0042", online, Now - (offlineFor ?? TimeSpan.FromDays(3)), battery, devices);

    private static DeviceSnapshot Device(int slot, string kind, TimeSpan? silentFor, int? battery = null) =>
        new(slot, kind, silentFor == null ? null : Now - silentFor.Value, Now - TimeSpan.FromDays(30), battery);

    private static List<RuleOutcome> Outcomes(UnitSnapshot unit, string ruleId, PatientSettings? settings = null) =>
        ClockRuleSet.Default.Evaluate(unit, settings ?? PatientSettings.Default, Now).Where(o => o.RuleId == ruleId).ToList();

    [Theory]
    [InlineData(35 * 60, false)]
    [InlineData(36 * 60, false)]
    [InlineData(36 * 60 + 1, true)]
    [InlineData(10 * 24 * 60, true)]
    public void StaleDevice_AroundTheDefault36Hours_BreachesOnlyAfterIt(int silentMinutes, bool breached)
    {
        var unit = Unit(devices: Device(2, "weight-scale", TimeSpan.FromMinutes(silentMinutes)));

        RuleOutcome outcome = Assert.Single(Outcomes(unit, "stale-device"));

        Assert.Equal(breached, outcome.Breached);
        Assert.Equal("slot-2", outcome.EpisodeKey);
        // A breach is dated when the scale became stale (36 h after its last reading); a clear, now.
        Assert.Equal(breached ? Now - TimeSpan.FromMinutes(silentMinutes) + TimeSpan.FromHours(36) : Now, outcome.AtUtc);
        if (breached)
        {
            Assert.Equal(AlertLevel.Info, outcome.Level);
            Assert.Equal(silentMinutes / 60, (int)outcome.Worst!.Value);
        }
    }

    [Theory]
    [InlineData(12 * 60, false)]
    [InlineData(12 * 60 + 1, true)]
    public void StaleDevice_PerKindSchedule_OverridesTheDefaultForThatKindOnly(int silentMinutes, bool breached)
    {
        var settings = PatientSettings.Default with { DeviceScheduleHoursByKind = new Dictionary<string, int> { ["glucose-meter"] = 12 } };
        var silent = TimeSpan.FromMinutes(silentMinutes);
        var unit = Unit(devices: new[] { Device(0, "glucose-meter", silent), Device(1, "weight-scale", silent) });

        var outcomes = Outcomes(unit, "stale-device", settings);

        Assert.Equal(breached, outcomes.Single(o => o.EpisodeKey == "slot-0").Breached);
        Assert.False(outcomes.Single(o => o.EpisodeKey == "slot-1").Breached);
    }

    [Fact]
    public void StaleDevice_PatientDefaultSchedule_ReplacesThirtySixHours()
    {
        var settings = PatientSettings.Default with { DeviceScheduleHours = 24 };
        var unit = Unit(devices: Device(0, "weight-scale", TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1)));

        Assert.True(Assert.Single(Outcomes(unit, "stale-device", settings)).Breached);
    }

    [Fact]
    public void StaleDevice_KindNotExpected_NeverBreaches()
    {
        var settings = PatientSettings.Default with { ExpectedDeviceKinds = new[] { "weight-scale" } };
        var silent = TimeSpan.FromDays(10);
        var unit = Unit(devices: new[] { Device(0, "glucose-meter", silent), Device(1, "weight-scale", silent) });

        var outcomes = Outcomes(unit, "stale-device", settings);

        Assert.False(outcomes.Single(o => o.EpisodeKey == "slot-0").Breached);
        Assert.True(outcomes.Single(o => o.EpisodeKey == "slot-1").Breached);
    }

    [Theory]
    [InlineData(36 * 60, false)]
    [InlineData(36 * 60 + 1, true)]
    public void StaleDevice_NeverRead_CountsFromWhenReadingsWereExpected(int expectedForMinutes, bool breached)
    {
        var device = new DeviceSnapshot(3, "pulse-oximeter", null, Now - TimeSpan.FromMinutes(expectedForMinutes), null);

        RuleOutcome outcome = Assert.Single(Outcomes(Unit(devices: device), "stale-device"));

        Assert.Equal(breached, outcome.Breached);
        if (breached)
        {
            Assert.Contains("no reading yet", outcome.Summary, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(59, false)]
    [InlineData(60, false)]
    [InlineData(61, true)]
    [InlineData(3 * 24 * 60, true)]
    public void UnitOffline_AroundSixtyMinutes_BreachesOnlyAfterIt(int offlineMinutes, bool breached)
    {
        RuleOutcome outcome = Assert.Single(Outcomes(Unit(online: false, offlineFor: TimeSpan.FromMinutes(offlineMinutes)), "unit-offline"));

        Assert.Equal(breached, outcome.Breached);
        Assert.Equal(breached ? Now - TimeSpan.FromMinutes(offlineMinutes) + TimeSpan.FromMinutes(60) : Now, outcome.AtUtc);
        if (breached)
        {
            Assert.Equal(AlertLevel.Info, outcome.Level);
            Assert.Equal(offlineMinutes, (int)outcome.Worst!.Value);
        }
    }

    [Fact]
    public void UnitOffline_Online_IsClearHoweverLongAgoItWasLastOffline()
    {
        RuleOutcome outcome = Assert.Single(Outcomes(Unit(online: true, offlineFor: TimeSpan.FromDays(5)), "unit-offline"));

        Assert.False(outcome.Breached);
    }

    [Theory]
    [InlineData(30, false)]
    [InlineData(31, true)]
    public void UnitOffline_PatientSetting_ReplacesTheDefault(int offlineMinutes, bool breached)
    {
        var settings = PatientSettings.Default with { UnitOfflineMinutes = 30 };

        var outcome = Assert.Single(Outcomes(Unit(online: false, offlineFor: TimeSpan.FromMinutes(offlineMinutes)), "unit-offline", settings));

        Assert.Equal(breached, outcome.Breached);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(19, true)]
    [InlineData(20, true)]
    [InlineData(21, false)]
    [InlineData(100, false)]
    public void BatteryLow_AroundTwentyPercent_BreachesAtOrBelow(int percent, bool breached)
    {
        var unit = Unit(battery: percent, devices: Device(4, "blood-pressure-monitor", TimeSpan.FromHours(1), percent));

        var outcomes = Outcomes(unit, "battery-low");

        Assert.Equal(new[] { "unit", "slot-4" }, outcomes.Select(o => o.EpisodeKey));
        Assert.All(outcomes, o => Assert.Equal(breached, o.Breached));
        if (breached)
        {
            Assert.All(outcomes, o => Assert.Equal(percent, (int)o.Worst!.Value));
        }
    }

    [Fact]
    public void BatteryLow_UnknownLevel_HasNoOutcome()
    {
        var unit = Unit(battery: null, devices: new[] { Device(0, "glucose-meter", TimeSpan.FromHours(1), null), Device(1, "weight-scale", TimeSpan.FromHours(1), 15) });

        RuleOutcome outcome = Assert.Single(Outcomes(unit, "battery-low"));

        Assert.Equal("slot-1", outcome.EpisodeKey);
        Assert.True(outcome.Breached);
    }

    [Fact]
    public void BatteryLow_EachSlot_IsItsOwnEpisode()
    {
        var unit = Unit(battery: 80, devices: new[] { Device(0, "glucose-meter", null, 10), Device(1, "weight-scale", null, 90), Device(7, "pulse-oximeter", null, 20) });

        var outcomes = Outcomes(unit, "battery-low").ToDictionary(o => o.EpisodeKey, o => o.Breached);

        Assert.Equal(new Dictionary<string, bool> { ["unit"] = false, ["slot-0"] = true, ["slot-1"] = false, ["slot-7"] = true }, outcomes);
    }

    [Theory]
    [InlineData(30, true)]
    [InlineData(31, false)]
    public void BatteryLow_PatientSetting_ReplacesTheDefault(int percent, bool breached)
    {
        var settings = PatientSettings.Default with { BatteryLowAtOrBelow = 30 };

        Assert.Equal(breached, Assert.Single(Outcomes(Unit(battery: percent), "battery-low", settings)).Breached);
    }
}
