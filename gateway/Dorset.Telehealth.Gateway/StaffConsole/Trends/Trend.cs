using System;
using System.Collections.Generic;
using System.Linq;
using Dorset.Telehealth.Clinical.Readings;
using Dorset.Telehealth.Clinical.Settings;

namespace Dorset.Telehealth.Gateway.StaffConsole.Trends;

/// <summary>
/// One chart's content over a window: its lines, bands and table. Readings that may never alert (control solution,
/// demo, invalid, implausible, another user on a shared scale, clock fault, ...; <see cref="AlertEligibility"/>) are
/// left off the lines and listed in the table with the reason. Drawn, a control-solution 2.1 mmol/L would look like a
/// hypo the patient never had, and a reading whose time is unknown would sit at a time it was not taken; the rules ignore
/// them for the same reasons, so the chart shows what the alerts were judged on.
/// </summary>
/// <param name="Definition">Which chart.</param>
/// <param name="FromUtc">The window's start.</param>
/// <param name="ToUtc">The window's end.</param>
/// <param name="Series">The lines, one per value.</param>
/// <param name="Bands">The alert bands from the patient's settings.</param>
/// <param name="Rows">Every reading of the window, newest first.</param>
public sealed record Trend(TrendDefinition Definition, DateTimeOffset FromUtc, DateTimeOffset ToUtc, IReadOnlyList<TrendSeries> Series,
    IReadOnlyList<TrendBand> Bands, IReadOnlyList<TrendRow> Rows)
{
    /// <summary>Readings in the table that are not on the chart.</summary>
    public int NotCharted => Rows.Count(r => r.NotCharted != null);

    /// <summary>True when something is drawn.</summary>
    public bool HasPoints => Series.Any(s => s.Points.Count > 0);

    /// <summary>
    /// The chart of <paramref name="definition"/> from <paramref name="readings"/> (any order, any kind) taken from
    /// <paramref name="fromUtc"/> to <paramref name="toUtc"/>.
    /// </summary>
    public static Trend Of(TrendDefinition definition, IEnumerable<ClinicalReading> readings, DateTimeOffset fromUtc, DateTimeOffset toUtc,
        PatientSettings settings, AlertMarks marks)
    {
        // Each reading's values and eligibility once: a 90-day page charts a few thousand.
        var mine = readings
            .Where(r => r.TakenUtc >= fromUtc && r.TakenUtc <= toUtc)
            .Select(r => (Reading: r, Values: definition.Values.Select(v => v.Read(r)).ToArray()))
            .Where(x => x.Reading.Kind == definition.Kinds[0] || x.Values.Any(v => v != null))
            .OrderBy(x => x.Reading.TakenUtc)
            .Select(x => (x.Reading, x.Values, WhyNot: AlertEligibility.WhyNot(x.Reading)))
            .ToList();
        var series = definition.Values.Select((v, i) => new TrendSeries(v.Name, mine
            .Where(x => x.WhyNot == null && x.Values[i] != null)
            .Select(x => new TrendPoint(x.Reading.TakenUtc, x.Values[i]!.Value, marks.Level(x.Reading, v.ValueName)))
            .ToList())).ToList();
        var rows = new List<TrendRow>(mine.Count);
        for (int i = mine.Count - 1; i >= 0; i--)
        {
            rows.Add(Row(definition, mine[i].Reading, mine[i].Values, mine[i].WhyNot, marks));
        }

        return new Trend(definition, fromUtc, toUtc, series, definition.Bands(settings), rows);
    }

    private static TrendRow Row(TrendDefinition definition, ClinicalReading reading, decimal?[] values, string? whyNot, AlertMarks marks)
    {
        var parts = new List<string>();
        var alerts = new List<string>();
        for (int i = 0; i < values.Length; i++)
        {
            TrendValue value = definition.Values[i];
            if (values[i] is decimal number)
            {
                parts.Add($"{value.Name} {number} {definition.Unit}{SentAs(reading, value)}");
            }

            if (marks.Describe(reading, value.ValueName) is string alert)
            {
                alerts.Add(alert);
            }
        }

        if (definition.Kinds.Count > 1)
        {
            parts.Add("(" + reading.Kind + ")");
        }

        if (reading.Flags.Count > 0)
        {
            parts.Add("[" + string.Join(", ", reading.Flags) + "]");
        }

        string? notCharted = whyNot ?? (values.Any(v => v != null) ? null : "no number");
        return new TrendRow(reading.TakenUtc, string.Join(" ", parts), alerts.Count == 0 ? null : string.Join("; ", alerts.Distinct()), notCharted);
    }

    // The one conversion on the page (lb and kPa are converted at ingest): a mg/dL meter's glucose is charted in mmol/L,
    // and the table also shows the digits the meter sent.
    private static string SentAs(ClinicalReading reading, TrendValue value) =>
        reading.Find(value.ValueName, "mg/dL") is MeasuredValue sent && reading.Find(value.ValueName, "mmol/L") == null ? $" (sent as {sent})" : "";
}
