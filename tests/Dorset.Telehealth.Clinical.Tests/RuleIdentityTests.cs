using System;
using System.Collections.Generic;
using System.Linq;
using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Clinical.Monitoring;
using Dorset.Telehealth.Clinical.Readings;
using Dorset.Telehealth.Clinical.Rules;
using Dorset.Telehealth.Clinical.Settings;
using static Dorset.Telehealth.Clinical.Tests.Fakes.Readings;

namespace Dorset.Telehealth.Clinical.Tests;

/// <summary>Every alert names the rule and the version of its logic that fired, and no two rules share an id.</summary>
public sealed class RuleIdentityTests
{
    private static IEnumerable<IClinicalRule> AllRules() =>
        ClinicalRuleSet.Default.Rules.Cast<IClinicalRule>().Concat(ClockRuleSet.Default.Rules);

    [Fact]
    public void RuleIds_AreUniqueAcrossBothRuleSets()
    {
        var ids = AllRules().Select(r => r.Id).ToList();

        Assert.Equal(9, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(AllRules(), r => Assert.True(r.Version >= 1, r.Id));
    }

    [Fact]
    public void EveryReadingRuleOutcome_NamesItsRuleAndVersion()
    {
        var history = new[] { BloodPressure("91", T0 - TimeSpan.FromMinutes(5)), Weight("70.0", T0 - TimeSpan.FromDays(1)) };
        var readings = new[]
        {
            Oximetry("91", "131"), Oximetry("97", "70"), BloodPressure("120"), Glucose("2.5") with { MealContext = "fasting" },
            Glucose("25") with { MealContext = "postprandial" }, Glucose("5.5"), Weight("72.5", T0), Weight("70.1", T0),
            Make(ReadingKinds.Glucose, T0).Flagged("error-record", "high"),
        };
        var fired = new HashSet<string>();

        foreach (ClinicalReading reading in readings)
        {
            var context = new ReadingContext(reading, history, PatientSettings.Default);
            foreach (IReadingRule rule in ClinicalRuleSet.Default.Rules)
            {
                RuleOutcome? outcome = rule.Evaluate(context);
                if (outcome != null)
                {
                    Assert.Equal((rule.Id, rule.Version), (outcome.RuleId, outcome.RuleVersion));
                    fired.Add(rule.Id);
                }
            }
        }

        Assert.Equal(ClinicalRuleSet.Default.Rules.Select(r => r.Id).Order(), fired.Order());
    }

    [Fact]
    public void EveryClockRuleOutcome_NamesItsRuleAndVersion()
    {
        var now = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
        var unit = new UnitSnapshot("unit-0042", false, now - TimeSpan.FromHours(3), 10,
            new[] { new DeviceSnapshot(0, "weight-scale", now - TimeSpan.FromDays(2), now - TimeSpan.FromDays(9), 50) });

        foreach (IClockRule rule in ClockRuleSet.Default.Rules)
        {
            var outcomes = rule.Evaluate(unit, PatientSettings.Default, now).ToList();

            Assert.NotEmpty(outcomes);
            Assert.All(outcomes, o => Assert.Equal((rule.Id, rule.Version), (o.RuleId, o.RuleVersion)));
        }
    }
}
