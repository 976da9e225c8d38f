using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Clinical.Readings;
using Dorset.Telehealth.Clinical.Settings;
using Dorset.Telehealth.Protocol.Contract;

namespace Dorset.Telehealth.Clinical.Rules;

/// <summary>
/// Hypoglycaemia: below 4.0 mmol/L red ("four is the floor"), below 3.0 mmol/L red-urgent (level 2), and a meter LO
/// result (lower than it can measure, GLS sensor status b6) red-urgent whatever number came with it.
/// </summary>
public sealed class GlucoseLowRule : GlucoseThresholdRule
{
    /// <inheritdoc/>
    public override string Id => "glucose-low";

    /// <inheritdoc/>
    protected override string MeterFlag => ReadingFlagNames.Low;

    /// <inheritdoc/>
    protected override WorseDirection WorseWhen => WorseDirection.Lower;

    /// <inheritdoc/>
    protected override (AlertLevel Level, string Summary) MeterResult() =>
        (AlertLevel.RedUrgent, "glucose meter LO (below what the meter can measure): treat as severe hypoglycaemia");

    /// <inheritdoc/>
    protected override (AlertLevel Level, string Summary)? Judge(MeasuredValue glucose, PatientSettings s) =>
        glucose.Value < s.GlucoseVeryLowBelow ? (AlertLevel.RedUrgent, $"glucose {glucose} (below {RuleText.Of(s.GlucoseVeryLowBelow)} mmol/L): level 2 hypoglycaemia")
        : glucose.Value < s.GlucoseLowBelow ? (AlertLevel.Red, $"glucose {glucose} (below {RuleText.Of(s.GlucoseLowBelow)} mmol/L): hypoglycaemia")
        : null;

    /// <inheritdoc/>
    protected override string WithinText(MeasuredValue glucose, PatientSettings s) =>
        $"glucose {glucose} at or above {RuleText.Of(s.GlucoseLowBelow)} mmol/L";
}
