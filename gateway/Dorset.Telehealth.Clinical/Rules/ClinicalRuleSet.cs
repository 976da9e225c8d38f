using System;
using System.Collections.Generic;
using System.Linq;
using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Clinical.Readings;
using Dorset.Telehealth.Clinical.Settings;

namespace Dorset.Telehealth.Clinical.Rules;

/// <summary>
/// Every rule evaluated when a reading is stored. The host asks <see cref="HistoryFor"/> which earlier readings to load,
/// then <see cref="Evaluate"/> gives each rule's outcome. Ineligible readings (control solution, invalid, clock fault,
/// ...) yield nothing, and never count as history.
/// </summary>
public sealed class ClinicalRuleSet
{
    private readonly IReadOnlyList<IReadingRule> _rules;

    /// <summary>A rule set of <paramref name="rules"/>.</summary>
    public ClinicalRuleSet(IReadOnlyList<IReadingRule> rules)
    {
        _rules = rules;
    }

    /// <summary>The rules of clinical.md.</summary>
    public static ClinicalRuleSet Default { get; } = new(new IReadingRule[]
    {
        new HomeOximetryRule(), new PartialNews2Rule(), new GlucoseLowRule(), new GlucoseHighRule(), new GlucoseMealTargetRule(),
        new HeartFailureWeightRule(),
    });

    /// <summary>The rules, for listing.</summary>
    public IReadOnlyList<IReadingRule> Rules => _rules;

    /// <summary>The earlier readings needed to judge <paramref name="reading"/>, or null when none are.</summary>
    public static HistoryRequest? HistoryFor(ClinicalReading reading, PatientSettings settings)
    {
        if (PartialNews2Rule.Reads(reading.Kind))
        {
            return new HistoryRequest(new[] { ReadingKinds.PulseOximetry, ReadingKinds.BloodPressure },
                reading.TakenUtc - TimeSpan.FromMinutes(settings.News2WindowMinutes), reading.TakenUtc);
        }

        if (reading.Kind == ReadingKinds.Weight)
        {
            // Calendar days either side, plus a day for the weighing's time of day and a day for a clock change in
            // between: in the week of the October change, 4 x 24 h from 00:30 on the 22nd ends at 23:30 on the 25th and
            // would miss a weighing at 23:45 whose window holds this one. The rule itself picks by local date.
            TimeSpan span = TimeSpan.FromDays(settings.WeightGainDays + 2);
            return new HistoryRequest(new[] { ReadingKinds.Weight }, reading.TakenUtc - span, reading.TakenUtc + span);
        }

        return null;
    }

    /// <summary>
    /// The outcome of every rule that has something to say about <paramref name="reading"/>; empty when it may not alert.
    /// Outcomes of a late reading carry <see cref="RuleOutcome.LateMinutes"/> and say so in their summary.
    /// </summary>
    public IReadOnlyList<RuleOutcome> Evaluate(ClinicalReading reading, IReadOnlyList<ClinicalReading> history, PatientSettings settings)
    {
        if (AlertEligibility.WhyNot(reading) != null)
        {
            return Array.Empty<RuleOutcome>();
        }

        var context = new ReadingContext(reading, history.Where(r => r.Key != reading.Key && AlertEligibility.WhyNot(r) == null).ToList(), settings);
        var outcomes = new List<RuleOutcome>();
        foreach (IReadingRule rule in _rules)
        {
            RuleOutcome? outcome = rule.Evaluate(context);
            if (outcome != null)
            {
                // Late is measured from what the breach is about (its time), not from the reading that revealed it: a
                // late low weighing that shows today's weighing is a gain makes a breach as old as today's weighing.
                TimeSpan delay = reading.ReceivedUtc - outcome.AtUtc;
                bool late = outcome.Breached && delay >= TimeSpan.FromMinutes(settings.LateAfterMinutes);
                outcomes.Add(late ? LateReading.Mark(outcome, (int)delay.TotalMinutes) : outcome);
            }
        }

        return outcomes;
    }
}
