using System;
using System.Collections.Generic;
using Dorset.Telehealth.Clinical.Readings;
using Dorset.Telehealth.Clinical.Scoring;

namespace Dorset.Telehealth.Clinical.Alerts;

/// <summary>Which way a value gets worse, so that an episode keeps its worst value.</summary>
public enum WorseDirection
{
    /// <summary>Lower is worse (SpO2, low glucose).</summary>
    Lower = 0,

    /// <summary>Higher is worse (high glucose, weight gain, hours silent).</summary>
    Higher = 1,
}

/// <summary>
/// What a rule concluded about one subject: breached (raise or update the open alert of this rule and episode) or
/// clear (resolve it). The episode key separates alerts of one rule for one unit, e.g. "slot-2" for a device.
/// </summary>
public sealed record RuleOutcome
{
    private RuleOutcome(string ruleId, int ruleVersion, string episodeKey, bool breached, AlertLevel level, string summary, DateTimeOffset atUtc)
    {
        RuleId = ruleId;
        RuleVersion = ruleVersion;
        EpisodeKey = episodeKey;
        Breached = breached;
        Level = level;
        Summary = summary;
        AtUtc = atUtc;
    }

    /// <summary>The rule's id, e.g. home-oximetry-spo2.</summary>
    public string RuleId { get; }

    /// <summary>The rule's version: bumped whenever its logic or defaults change, so an alert says which logic fired.</summary>
    public int RuleVersion { get; }

    /// <summary>Separates episodes of one rule for one unit ("" when the rule has one per unit).</summary>
    public string EpisodeKey { get; }

    /// <summary>True when the condition holds.</summary>
    public bool Breached { get; }

    /// <summary>The level (meaningful when breached).</summary>
    public AlertLevel Level { get; }

    /// <summary>One sentence for hub staff naming the rule and the value, e.g. "SpO2 91 % (at or below 92 %): urgent".</summary>
    public string Summary { get; init; }

    /// <summary>The time the outcome is about: the reading's taken time, or the evaluation time for clock rules.</summary>
    public DateTimeOffset AtUtc { get; }

    /// <summary>The values that fired the rule.</summary>
    public IReadOnlyList<Evidence> Evidence { get; init; } = Array.Empty<Evidence>();

    /// <summary>The value that stands for the breach, kept as the episode's worst when worse than before.</summary>
    public MeasuredValue? Worst { get; init; }

    /// <summary>Which way <see cref="Worst"/> gets worse.</summary>
    public WorseDirection WorseWhen { get; init; }

    /// <summary>The partial NEWS2 behind a news2-partial outcome.</summary>
    public PartialNews2? Score { get; init; }

    /// <summary>
    /// Set when the reading reached the hub at least <see cref="Settings.PatientSettings.LateAfterMinutes"/> after it
    /// was taken: how many minutes late. A late alert says so and never sounds the buzzer as a current emergency.
    /// </summary>
    public int? LateMinutes { get; init; }

    /// <summary>A breach.</summary>
    public static RuleOutcome Breach(IClinicalRule rule, string episodeKey, AlertLevel level, string summary, DateTimeOffset atUtc) =>
        new(rule.Id, rule.Version, episodeKey, true, level, summary, atUtc);

    /// <summary>The condition does not hold (any open alert of this rule and episode may resolve).</summary>
    public static RuleOutcome Clear(IClinicalRule rule, string episodeKey, string summary, DateTimeOffset atUtc) =>
        new(rule.Id, rule.Version, episodeKey, false, AlertLevel.Info, summary, atUtc);
}
