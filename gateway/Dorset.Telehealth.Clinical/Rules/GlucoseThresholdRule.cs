using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Clinical.Readings;
using Dorset.Telehealth.Clinical.Settings;

namespace Dorset.Telehealth.Clinical.Rules;

/// <summary>
/// What the low and high glucose rules share: judge the mmol/L value (as sent, or converted from mg/dL), and take the
/// meter's own HI or LO result as the alert whatever number came with it, since the true value lies beyond it.
/// </summary>
public abstract class GlucoseThresholdRule : IReadingRule
{
    /// <inheritdoc/>
    public abstract string Id { get; }

    /// <inheritdoc/>
    public int Version => 1;

    /// <summary>The meter flag this rule answers: "low" (LO) or "high" (HI).</summary>
    protected abstract string MeterFlag { get; }

    /// <summary>Lower is worse for the low rule, higher for the high one.</summary>
    protected abstract WorseDirection WorseWhen { get; }

    /// <inheritdoc/>
    public RuleOutcome? Evaluate(ReadingContext context)
    {
        ClinicalReading reading = context.Reading;
        if (reading.Kind != ReadingKinds.Glucose)
        {
            return null;
        }

        MeasuredValue? glucose = GlucoseConcentration.AsMeasured(reading);
        if (reading.Has(MeterFlag))
        {
            var (level, summary) = MeterResult();
            return Breach(reading, glucose, level, summary);
        }

        if (glucose == null)
        {
            return null;
        }

        return Judge(glucose, context.Settings) is var (breachLevel, breachSummary)
            ? Breach(reading, glucose, breachLevel, breachSummary)
            : RuleOutcome.Clear(this, "", WithinText(glucose, context.Settings), reading.TakenUtc);
    }

    /// <summary>The level and words of the meter's HI or LO result.</summary>
    protected abstract (AlertLevel Level, string Summary) MeterResult();

    /// <summary>The level and words when <paramref name="glucose"/> breaches, else null.</summary>
    protected abstract (AlertLevel Level, string Summary)? Judge(MeasuredValue glucose, PatientSettings settings);

    /// <summary>The words of a clear outcome.</summary>
    protected abstract string WithinText(MeasuredValue glucose, PatientSettings settings);

    private RuleOutcome Breach(ClinicalReading reading, MeasuredValue? glucose, AlertLevel level, string summary) =>
        RuleOutcome.Breach(this, "", level, summary, reading.TakenUtc) with
        {
            Evidence = GlucoseEvidence.Of(reading, glucose),
            Worst = glucose,
            WorseWhen = WorseWhen,
        };
}
