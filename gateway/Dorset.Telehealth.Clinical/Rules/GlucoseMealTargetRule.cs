using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Clinical.Readings;

namespace Dorset.Telehealth.Clinical.Rules;

/// <summary>
/// When the meter says the reading was before or after a meal (GLS Glucose Measurement Context, Meal field), the
/// patient's meal targets apply: above the pre-meal target (default 7.0 mmol/L) or the post-meal target (default 9.0
/// mmol/L, NICE NG17) is a notice for the diabetes team's review. Safety thresholds stay with the low and high rules.
/// </summary>
public sealed class GlucoseMealTargetRule : IReadingRule
{
    /// <summary>The meal contexts the rule reads, in the contract's words.</summary>
    public const string PreMeal = "preprandial";

    /// <summary>After a meal.</summary>
    public const string PostMeal = "postprandial";

    /// <summary>Fasting counts as before a meal.</summary>
    public const string Fasting = "fasting";

    /// <inheritdoc/>
    public string Id => "glucose-meal-target";

    /// <inheritdoc/>
    public int Version => 1;

    /// <inheritdoc/>
    public RuleOutcome? Evaluate(ReadingContext context)
    {
        ClinicalReading reading = context.Reading;
        MeasuredValue? glucose = reading.Kind == ReadingKinds.Glucose ? GlucoseConcentration.AsMeasured(reading) : null;
        bool postMeal = reading.MealContext == PostMeal;
        if (glucose == null || !(postMeal || reading.MealContext is PreMeal or Fasting))
        {
            return null;
        }

        decimal target = postMeal ? context.Settings.GlucosePostMealAbove : context.Settings.GlucosePreMealAbove;
        string meal = postMeal ? "after-meal" : "before-meal";
        if (glucose.Value <= target)
        {
            return RuleOutcome.Clear(this, "", $"glucose {glucose} within the {meal} target", reading.TakenUtc);
        }

        return RuleOutcome.Breach(this, "", AlertLevel.Info, $"glucose {glucose} above the {meal} target of {RuleText.Of(target)} mmol/L", reading.TakenUtc) with
        {
            Evidence = GlucoseEvidence.Of(reading, glucose),
            Worst = glucose,
            WorseWhen = WorseDirection.Higher,
        };
    }
}
