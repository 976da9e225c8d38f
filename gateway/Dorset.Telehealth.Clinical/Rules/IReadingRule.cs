using Dorset.Telehealth.Clinical.Alerts;

namespace Dorset.Telehealth.Clinical.Rules;

/// <summary>A rule evaluated when a reading is stored.</summary>
public interface IReadingRule : IClinicalRule
{
    /// <summary>The outcome for <paramref name="context"/>'s reading, or null when the rule has nothing to say about it.</summary>
    RuleOutcome? Evaluate(ReadingContext context);
}
