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
        var mine = readings
            .Where(r => r.TakenUtc >= fromUtc && r.TakenUtc <= toUtc)
            .Where(r => r.Kind == definition.Kinds[0] || definition.Values.Any(v => v.Read(r) != null))
            .OrderBy(r => r.TakenUtc).ToList();
        var series = definition.Values.Select(v => new TrendSeries(v.Name, mine
            .Where(r => AlertEligibility.WhyNot(r) == null && v.Read(r) != null)
            .Select(r => new TrendPoint(r.TakenUtc, v.Read(r)!.Value, marks.Level(r, v.ValueName), $"{UkTime.Show(r.TakenUtc)}: {v.Name} {v.Read(r)} {definition.Unit}"))
            .ToList())).ToList();
        var rows = mine.Select(r => Row(definition, r, marks)).Reverse().ToList();
        return new Trend(definition, fromUtc, toUtc, series, definition.Bands(settings), rows);
    }

    private static TrendRow Row(TrendDefinition definition, ClinicalReading reading, AlertMarks marks)
    {
        var parts = new List<string>();
        var alerts = new List<string>();
        foreach (TrendValue value in definition.Values)
        {
            if (value.Read(reading) is decimal number)
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

        string? notCharted = AlertEligibility.WhyNot(reading) ?? (definition.Values.Any(v => v.Read(reading) != null) ? null : "no number");
        return new TrendRow(reading.TakenUtc, string.Join(" ", parts), alerts.Count == 0 ? null : string.Join("; ", alerts.Distinct()), notCharted);
    }

    // The one conversion on the page (lb and kPa are converted at ingest): a mg/dL meter's glucose is charted in mmol/L,
    // and the table also shows the digits the meter sent.
    private static string SentAs(ClinicalReading reading, TrendValue value) =>
        reading.Find(value.ValueName, "mg/dL") is MeasuredValue sent && reading.Find(value.ValueName, "mmol/L") == null ? $" (sent as {sent})" : "";
}
