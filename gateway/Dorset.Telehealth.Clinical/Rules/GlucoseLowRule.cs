using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Clinical.Readings;

namespace Dorset.Telehealth.Clinical.Rules;

/// <summary>
/// Hypoglycaemia: below 4.0 mmol/L red ("four is the floor"), below 3.0 mmol/L red-urgent (level 2), and a meter LO
/// result (lower than it can measure, GLS sensor status b6) red-urgent whatever number came with it.
/// </summary>
public sealed class GlucoseLowRule : IReadingRule
{
    /// <inheritdoc/>
    public string Id => "glucose-low";

    /// <inheritdoc/>
    public int Version => 1;

    /// <inheritdoc/>
    public RuleOutcome? Evaluate(ReadingContext context)
    {
        ClinicalReading reading = context.Reading;
        if (reading.Kind != ReadingKinds.Glucose)
        {
            return null;
        }

        MeasuredValue? glucose = GlucoseConcentration.AsMeasured(reading);
        var s = context.Settings;
        if (reading.Has("low"))
        {
            return Breach(reading, glucose, AlertLevel.RedUrgent, "glucose meter LO (below what the meter can measure): treat as severe hypoglycaemia");
        }

        if (glucose == null)
        {
            return null;
        }

        if (glucose.Value < s.GlucoseVeryLowBelow)
        {
            return Breach(reading, glucose, AlertLevel.RedUrgent, $"glucose {glucose} (below {RuleText.Of(s.GlucoseVeryLowBelow)} mmol/L): level 2 hypoglycaemia");
        }

        if (glucose.Value < s.GlucoseLowBelow)
        {
            return Breach(reading, glucose, AlertLevel.Red, $"glucose {glucose} (below {RuleText.Of(s.GlucoseLowBelow)} mmol/L): hypoglycaemia");
        }

        return RuleOutcome.Clear(this, "", $"glucose {glucose} at or above {RuleText.Of(s.GlucoseLowBelow)} mmol/L", reading.TakenUtc);
    }

    private RuleOutcome Breach(ClinicalReading reading, MeasuredValue? glucose, AlertLevel level, string summary) =>
        RuleOutcome.Breach(this, "", level, summary, reading.TakenUtc) with
        {
            Evidence = GlucoseEvidence.Of(reading, glucose),
            Worst = glucose,
            WorseWhen = WorseDirection.Lower,
        };
}
