using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Clinical.Readings;
using Dorset.Telehealth.Clinical.Settings;
using Dorset.Telehealth.Protocol.Contract;

namespace Dorset.Telehealth.Clinical.Rules;

/// <summary>
/// Hyperglycaemia: above 15.0 mmol/L amber (ketone check advice for type 1), above 20.0 mmol/L red, and a meter HI
/// result (higher than it can measure, GLS sensor status b5) red whatever number came with it.
/// </summary>
public sealed class GlucoseHighRule : GlucoseThresholdRule
{
    /// <inheritdoc/>
    public override string Id => "glucose-high";

    /// <inheritdoc/>
    protected override string MeterFlag => ReadingFlagNames.High;

    /// <inheritdoc/>
    protected override WorseDirection WorseWhen => WorseDirection.Higher;

    /// <inheritdoc/>
    protected override (AlertLevel Level, string Summary) MeterResult() =>
        (AlertLevel.Red, "glucose meter HI (above what the meter can measure): check ketones, contact the team");

    /// <inheritdoc/>
    protected override (AlertLevel Level, string Summary)? Judge(MeasuredValue glucose, PatientSettings s) =>
        glucose.Value > s.GlucoseVeryHighAbove ? (AlertLevel.Red, $"glucose {glucose} (above {RuleText.Of(s.GlucoseVeryHighAbove)} mmol/L): severe hyperglycaemia")
        : glucose.Value > s.GlucoseHighAbove ? (AlertLevel.Amber, $"glucose {glucose} (above {RuleText.Of(s.GlucoseHighAbove)} mmol/L): hyperglycaemia, ketone check for type 1")
        : null;

    /// <inheritdoc/>
    protected override string WithinText(MeasuredValue glucose, PatientSettings s) =>
        $"glucose {glucose} at or below {RuleText.Of(s.GlucoseHighAbove)} mmol/L";
}
