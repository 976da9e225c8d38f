using System.Collections.Generic;
using System.Linq;
using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Clinical.Readings;

namespace Dorset.Telehealth.Clinical.Rules;

/// <summary>
/// Heart-failure fluid retention: a weight more than 2.0 kg above the lowest weight of the 3 days before it is amber,
/// "contact the heart failure team". The window is in UK calendar days (today and the 3 dates before it), not 72 hours:
/// a patient who weighs at 08:00 on Monday and 08:20 on Thursday is compared across 3 days as a nurse would count them,
/// and clock changes do not move a weighing out of its day. A late weighing is placed on its own date, and every later
/// weighing whose window it falls in is judged again.
/// </summary>
public sealed class HeartFailureWeightRule : IReadingRule
{
    /// <inheritdoc/>
    public string Id => "hf-weight-gain";

    /// <inheritdoc/>
    public int Version => 2;

    /// <inheritdoc/>
    public RuleOutcome? Evaluate(ReadingContext context)
    {
        ClinicalReading reading = context.Reading;
        MeasuredValue? weight = reading.Kind == ReadingKinds.Weight ? reading.Find(ReadingKinds.Weight, "kg") : null;
        if (weight == null)
        {
            return null;
        }

        int days = context.Settings.WeightGainDays;
        var weighings = context.History.Where(r => r.Kind == ReadingKinds.Weight && r.Find(ReadingKinds.Weight, "kg") != null)
            .Append(reading).ToList();

        // Only weighings taken at or after this one can change: this one is never the low of an earlier weighing. An
        // earlier breach the same day is not re-reported, so an evening weighing back within the limit is clear.
        (ClinicalReading Low, ClinicalReading High, decimal Gain)? worst = null;
        foreach (ClinicalReading later in weighings.Where(r => r.TakenUtc >= reading.TakenUtc && r.TakenLocalDate <= reading.TakenLocalDate.AddDays(days)))
        {
            ClinicalReading low = weighings
                .Where(r => r.TakenLocalDate >= later.TakenLocalDate.AddDays(-days) && r.TakenUtc <= later.TakenUtc)
                .MinBy(Kg)!;
            decimal gain = Kg(later) - Kg(low);
            if (worst == null || gain > worst.Value.Gain)
            {
                worst = (low, later, gain);
            }
        }

        decimal limit = context.Settings.WeightGainKg;
        var (from, to, rise) = worst!.Value;
        if (rise <= limit)
        {
            return RuleOutcome.Clear(this, "", $"weight {weight} within {RuleText.Of(limit)} kg of the {days}-day low", reading.TakenUtc);
        }

        return RuleOutcome.Breach(this, "", AlertLevel.Amber,
            $"weight up {RuleText.Of(rise)} kg in {days} days ({Kg(from)} kg on {from.TakenLocalDate:yyyy-MM-dd} to {Kg(to)} kg on {to.TakenLocalDate:yyyy-MM-dd}; more than {RuleText.Of(limit)} kg): contact the heart failure team",
            to.TakenUtc) with
        {
            Evidence = new List<Evidence>
            {
                new(from.Key, ReadingKinds.Weight, RuleText.Of(Kg(from)), "kg", from.TakenUtc),
                new(to.Key, ReadingKinds.Weight, RuleText.Of(Kg(to)), "kg", to.TakenUtc),
            },
            Worst = new MeasuredValue("weight-gain", rise, "kg"),
            WorseWhen = WorseDirection.Higher,
        };
    }

    private static decimal Kg(ClinicalReading r) => r.Find(ReadingKinds.Weight, "kg")!.Value;
}
