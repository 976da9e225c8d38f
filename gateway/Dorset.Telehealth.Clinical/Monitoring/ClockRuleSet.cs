using System;
using System.Collections.Generic;
using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Clinical.Settings;

namespace Dorset.Telehealth.Clinical.Monitoring;

/// <summary>The clock rules of clinical.md: stale data, a unit offline, low batteries.</summary>
public sealed class ClockRuleSet
{
    private readonly IReadOnlyList<IClockRule> _rules;

    /// <summary>A rule set of <paramref name="rules"/>.</summary>
    public ClockRuleSet(IReadOnlyList<IClockRule> rules)
    {
        _rules = rules;
    }

    /// <summary>Stale device, unit offline, battery low.</summary>
    public static ClockRuleSet Default { get; } = new(new IClockRule[] { new StaleDeviceRule(), new UnitOfflineRule(), new BatteryLowRule() });

    /// <summary>The rules, for listing.</summary>
    public IReadOnlyList<IClockRule> Rules => _rules;

    /// <summary>Every rule's outcomes for <paramref name="unit"/> at <paramref name="nowUtc"/>.</summary>
    public IReadOnlyList<RuleOutcome> Evaluate(UnitSnapshot unit, PatientSettings settings, DateTimeOffset nowUtc)
    {
        var outcomes = new List<RuleOutcome>();
        foreach (IClockRule rule in _rules)
        {
            outcomes.AddRange(rule.Evaluate(unit, settings, nowUtc));
        }

        return outcomes;
    }
}
