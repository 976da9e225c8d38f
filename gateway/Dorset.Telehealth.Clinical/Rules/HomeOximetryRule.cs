using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Clinical.Readings;

namespace Dorset.Telehealth.Clinical.Rules;

/// <summary>
/// Home pulse oximetry pathways in England: SpO2 at or below 92 % is urgent (red-urgent), 93-94 % means contact the team
/// (amber). Both thresholds are per patient (a scale-2 patient's clinician may lower them).
/// </summary>
public sealed class HomeOximetryRule : IReadingRule
{
    /// <inheritdoc/>
    public string Id => "home-oximetry-spo2";

    /// <inheritdoc/>
    public int Version => 1;

    /// <inheritdoc/>
    public RuleOutcome? Evaluate(ReadingContext context)
    {
        ClinicalReading reading = context.Reading;
        MeasuredValue? spo2 = reading.Kind == ReadingKinds.PulseOximetry ? reading.Find(ReadingKinds.Spo2, "%") : null;
        if (spo2 == null)
        {
            return null;
        }

        var s = context.Settings;
        if (spo2.Value <= s.Spo2UrgentAtOrBelow)
        {
            return Breach(reading, spo2, AlertLevel.RedUrgent, $"SpO2 {spo2} (at or below {RuleText.Of(s.Spo2UrgentAtOrBelow)} %): urgent review, home oximetry pathway");
        }

        if (spo2.Value <= s.Spo2AmberAtOrBelow)
        {
            return Breach(reading, spo2, AlertLevel.Amber, $"SpO2 {spo2} (at or below {RuleText.Of(s.Spo2AmberAtOrBelow)} %): contact the team, home oximetry pathway");
        }

        return RuleOutcome.Clear(this, "", $"SpO2 {spo2} above {RuleText.Of(s.Spo2AmberAtOrBelow)} %", reading.TakenUtc);
    }

    private RuleOutcome Breach(ClinicalReading reading, MeasuredValue spo2, AlertLevel level, string summary) =>
        RuleOutcome.Breach(this, "", level, summary, reading.TakenUtc) with
        {
            Evidence = new[] { new Evidence(reading.Key, spo2.Name, spo2.ValueText, spo2.Unit, reading.TakenUtc) },
            Worst = spo2,
            WorseWhen = WorseDirection.Lower,
        };
}
