using System;
using System.Collections.Generic;
using System.Linq;
using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Clinical.Readings;
using Dorset.Telehealth.Clinical.Scoring;

namespace Dorset.Telehealth.Clinical.Rules;

/// <summary>
/// A partial NEWS2 from the newest SpO2, pulse and systolic taken within the window (default 60 min) up to the reading
/// just stored, plus supplemental oxygen from the patient's settings. Urgent (aggregate 5+, or any single 3) is red;
/// emergency (7+) is red-urgent. Always labelled partial, with the parameters used and their ages.
/// </summary>
public sealed class PartialNews2Rule : IReadingRule
{
    /// <inheritdoc/>
    public string Id => "news2-partial";

    /// <inheritdoc/>
    public int Version => 1;

    /// <summary>The kinds that carry NEWS2 parameters.</summary>
    public static bool Reads(string kind) => kind == ReadingKinds.PulseOximetry || kind == ReadingKinds.BloodPressure;

    /// <inheritdoc/>
    public RuleOutcome? Evaluate(ReadingContext context)
    {
        ClinicalReading reading = context.Reading;
        if (!Reads(reading.Kind))
        {
            return null;
        }

        PartialNews2? score = Score(context);
        if (score == null)
        {
            return null;
        }

        string text = $"partial NEWS2 {score.Total} ({score.Describe()}; home readings only, not a full NEWS2)";
        return score.Escalation switch
        {
            News2Escalation.Emergency => Breach(reading, score, AlertLevel.RedUrgent, text + ": emergency assessment"),
            News2Escalation.Urgent => Breach(reading, score, AlertLevel.Red, text + ": urgent review"),
            _ => RuleOutcome.Clear(this, "", text, reading.TakenUtc) with { Score = score },
        };
    }

    /// <summary>The score at the reading's time, or null when the reading carries no NEWS2 parameter.</summary>
    public static PartialNews2? Score(ReadingContext context)
    {
        ClinicalReading reading = context.Reading;
        DateTimeOffset at = reading.TakenUtc;
        DateTimeOffset from = at - TimeSpan.FromMinutes(context.Settings.News2WindowMinutes);
        // The reading itself first, so that it wins a tie with an older reading taken at the same second.
        var window = new List<ClinicalReading> { reading };
        window.AddRange(context.History.Where(r => Reads(r.Kind) && r.TakenUtc >= from && r.TakenUtc <= at).OrderByDescending(r => r.TakenUtc));

        var s = context.Settings;
        var parameters = new List<News2Parameter>();
        Add(parameters, window, at, ReadingKinds.Spo2, "%", v => s.Spo2Scale == 2 ? News2Scoring.Spo2Scale2(v, s.SupplementalOxygen) : News2Scoring.Spo2Scale1(v));
        Add(parameters, window, at, ReadingKinds.Pulse, "/min", News2Scoring.Pulse);
        Add(parameters, window, at, ReadingKinds.Systolic, "mmHg", News2Scoring.Systolic);
        if (!parameters.Any(p => p.ReadingKey == reading.Key))
        {
            return null;
        }

        parameters.Add(new News2Parameter("oxygen", News2Scoring.Oxygen(s.SupplementalOxygen), s.SupplementalOxygen ? "true" : "false", null, null, TimeSpan.Zero));
        return new PartialNews2(parameters.Sum(p => p.Score), s.Spo2Scale, parameters, at);
    }

    private static void Add(List<News2Parameter> parameters, List<ClinicalReading> window, DateTimeOffset at, string name, string unit, Func<decimal, int> score)
    {
        foreach (ClinicalReading r in window)
        {
            MeasuredValue? value = r.Find(name, unit);
            if (value != null)
            {
                parameters.Add(new News2Parameter(name, score(value.Value), value.ValueText, unit, r.Key, at - r.TakenUtc));
                return;
            }
        }
    }

    private RuleOutcome Breach(ClinicalReading reading, PartialNews2 score, AlertLevel level, string summary) =>
        RuleOutcome.Breach(this, "", level, summary, reading.TakenUtc) with
        {
            Evidence = score.Parameters.Where(p => p.ReadingKey != null)
                .Select(p => new Evidence(p.ReadingKey!, p.Name, p.Value, p.Unit!, score.AtUtc - p.Age)).ToArray(),
            Worst = new MeasuredValue("news2-partial", score.Total, "points"),
            WorseWhen = WorseDirection.Higher,
            Score = score,
        };
}
