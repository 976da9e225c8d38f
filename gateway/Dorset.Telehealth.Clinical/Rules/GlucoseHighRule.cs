using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Clinical.Readings;

namespace Dorset.Telehealth.Clinical.Rules;

/// <summary>
/// Hyperglycaemia: above 15.0 mmol/L amber (ketone check advice for type 1), above 20.0 mmol/L red, and a meter HI
/// result (higher than it can measure, GLS sensor status b5) red whatever number came with it.
/// </summary>
public sealed class GlucoseHighRule : IReadingRule
{
    /// <inheritdoc/>
    public string Id => "glucose-high";

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
        if (reading.Has("high"))
        {
            return Breach(reading, glucose, AlertLevel.Red, "glucose meter HI (above what the meter can measure): check ketones, contact the team");
        }

        if (glucose == null)
        {
            return null;
        }

        if (glucose.Value > s.GlucoseVeryHighAbove)
        {
            return Breach(reading, glucose, AlertLevel.Red, $"glucose {glucose} (above {RuleText.Of(s.GlucoseVeryHighAbove)} mmol/L): severe hyperglycaemia");
        }

        if (glucose.Value > s.GlucoseHighAbove)
        {
            return Breach(reading, glucose, AlertLevel.Amber, $"glucose {glucose} (above {RuleText.Of(s.GlucoseHighAbove)} mmol/L): hyperglycaemia, ketone check for type 1");
        }

        return RuleOutcome.Clear(this, "", $"glucose {glucose} at or below {RuleText.Of(s.GlucoseHighAbove)} mmol/L", reading.TakenUtc);
    }

    private RuleOutcome Breach(ClinicalReading reading, MeasuredValue? glucose, AlertLevel level, string summary) =>
        RuleOutcome.Breach(this, "", level, summary, reading.TakenUtc) with
        {
            Evidence = GlucoseEvidence.Of(reading, glucose),
            Worst = glucose,
            WorseWhen = WorseDirection.Higher,
        };
}
