using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using Dorset.Telehealth.Gateway.Ingest;

namespace Dorset.Telehealth.Gateway.StaffConsole.Trends;

/// <summary>
/// Draws a <see cref="Trend"/> as inline SVG on the server (no script, no chart library): shaded alert bands with their
/// labels, a line per value, a diamond on each value an alert cites, dates on the axis at UK midnights. The SVG is an
/// image with a summary for screen readers; the table beside it carries every reading.
/// </summary>
public static class TrendChart
{
    /// <summary>The drawing's size in SVG units; CSS scales it to the page's width.</summary>
    public const int Width = 720;

    /// <summary>The drawing's height in SVG units.</summary>
    public const int Height = 240;

    private const double Left = 48, Right = 8, Top = 8, Bottom = 28;
    private const double MinBandLabelHeight = 14;

    // Beyond this many points a line's dots (under 5 px apart) merge into it and only cost elements; alert marks stay.
    private const int MaxDots = 150;
    private static readonly XNamespace s_svg = "http://www.w3.org/2000/svg";

    /// <summary>The SVG markup of <paramref name="trend"/>; <paramref name="days"/> is the window's length, for the axis.</summary>
    public static string Svg(Trend trend, int days)
    {
        var (low, high, step) = Axis(trend);
        double plotWidth = Width - Left - Right, plotHeight = Height - Top - Bottom;
        double spanSeconds = Math.Max(1, (trend.ToUtc - trend.FromUtc).TotalSeconds);
        double X(DateTimeOffset t) => Left + (plotWidth * Math.Clamp((t - trend.FromUtc).TotalSeconds / spanSeconds, 0, 1));
        double Y(decimal v) => Top + (plotHeight * (1 - (double)((Math.Clamp(v, low, high) - low) / (high - low))));

        string summary = Summary(trend, days);
        var svg = new XElement(s_svg + "svg",
            new XAttribute("viewBox", $"0 0 {Width} {Height}"), new XAttribute("role", "img"), new XAttribute("aria-label", summary),
            new XAttribute("class", "trend"), new XAttribute("focusable", "false"),
            new XElement(s_svg + "title", summary));

        foreach (TrendBand band in trend.Bands)
        {
            decimal from = Math.Max(band.From ?? low, low), to = Math.Min(band.To ?? high, high);
            if (to <= from)
            {
                continue;
            }

            double y = Y(to), height = Y(from) - y;
            svg.Add(new XElement(s_svg + "rect", Attr("x", Left), Attr("y", y), Attr("width", plotWidth), Attr("height", height),
                new XAttribute("class", "band band-" + band.Level), new XElement(s_svg + "title", band.Label)));
            if (height >= MinBandLabelHeight)
            {
                svg.Add(Text(Left + plotWidth - 4, y + (height / 2) + 4, band.Label, "band-label", "end"));
            }
        }

        for (decimal tick = low; tick <= high; tick += step)
        {
            double y = Y(tick);
            svg.Add(Line(Left, y, Left + plotWidth, y, "grid"));
            svg.Add(Text(Left - 4, y + 4, tick.ToString("0.##", CultureInfo.InvariantCulture), "tick", "end"));
        }

        foreach (DateTimeOffset midnight in Midnights(trend.FromUtc, trend.ToUtc, days))
        {
            double x = X(midnight);
            svg.Add(Line(x, Top, x, Top + plotHeight, "grid"));
            svg.Add(Text(x, Height - 8, UkLocalTime.FromUtc(midnight).ToString(days <= 7 ? "ddd d" : "d MMM", CultureInfo.InvariantCulture), "tick", "middle"));
        }

        svg.Add(new XElement(s_svg + "rect", Attr("x", Left), Attr("y", Top), Attr("width", plotWidth), Attr("height", plotHeight), new XAttribute("class", "frame")));
        for (int i = 0; i < trend.Series.Count; i++)
        {
            var points = trend.Series[i].Points;
            if (points.Count > 1)
            {
                svg.Add(new XElement(s_svg + "polyline", new XAttribute("class", $"line line-{i}"),
                    new XAttribute("points", string.Join(" ", points.Select(p => Number(X(p.TakenUtc)) + "," + Number(Y(p.Value)))))));
            }

            foreach (TrendPoint point in points)
            {
                if (point.AlertLevel != null)
                {
                    string text = $"{UkTime.Show(point.TakenUtc)}: {trend.Series[i].Name} {point.Value} {trend.Definition.Unit}, {point.AlertLevel} alert";
                    svg.Add(Diamond(X(point.TakenUtc), Y(point.Value), point.AlertLevel, text));
                }
                else if (points.Count <= MaxDots)
                {
                    svg.Add(new XElement(s_svg + "circle", Attr("cx", X(point.TakenUtc)), Attr("cy", Y(point.Value)), Attr("r", 2.5), new XAttribute("class", $"dot line-{i}")));
                }
            }
        }

        return svg.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>
    /// What the chart shows in a sentence, e.g. "Glucose over the last 30 days: 58 readings charted, 2.9 to 14.2 mmol/L,
    /// newest 6.1 mmol/L on Tue 24 Nov 08:00; 3 in alerts; 1 not charted (see the table)."
    /// </summary>
    public static string Summary(Trend trend, int days)
    {
        var text = new StringBuilder($"{trend.Definition.Title} over the last {days} days: ");
        var drawn = trend.Series.Where(s => s.Points.Count > 0).ToList();
        if (drawn.Count == 0)
        {
            text.Append("nothing charted");
        }

        text.AppendJoin("; ", drawn.Select(s =>
        {
            TrendPoint newest = s.Points[^1];
            return $"{s.Points.Count} {s.Name} readings charted, {s.Points.Min(p => p.Value)} to {s.Points.Max(p => p.Value)} {trend.Definition.Unit}, "
                + $"newest {newest.Value} {trend.Definition.Unit} on {UkTime.Show(newest.TakenUtc)}";
        }));
        int alerted = trend.Series.Sum(s => s.Points.Count(p => p.AlertLevel != null));
        text.Append($"; {alerted} in alerts");
        if (trend.NotCharted > 0)
        {
            text.Append($"; {trend.NotCharted} not charted (see the table)");
        }

        return text.Append('.').ToString();
    }

    // The axis spans the readings and every band edge, so each band shows, in steps of 1, 2 or 5 x 10^n.
    private static (decimal Low, decimal High, decimal Step) Axis(Trend trend)
    {
        var values = trend.Series.SelectMany(s => s.Points).Select(p => p.Value)
            .Concat(trend.Bands.SelectMany(b => new[] { b.From, b.To }).OfType<decimal>()).ToList();
        decimal min = values.Count == 0 ? 0 : values.Min(), max = values.Count == 0 ? 1 : values.Max();
        if (max - min < 2)
        {
            // A flat weight still gets an axis a kilogram either side.
            min -= 1;
            max += 1;
        }

        // A margin beyond the outermost edges, so that a band open at one end (SpO2 at or below 92 %) has height.
        decimal margin = (max - min) / 12;
        min -= margin;
        max += margin;

        decimal rough = (max - min) / 5;
        decimal magnitude = (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)rough)));
        decimal normalised = rough / magnitude;
        decimal step = (normalised < 1.5m ? 1 : normalised < 3 ? 2 : normalised < 7 ? 5 : 10) * magnitude;
        return (Math.Floor(min / step) * step, Math.Ceiling(max / step) * step, step);
    }

    // UK midnights in the window, every day for a week, weekly for a month, fortnightly beyond; DST moves them in UTC.
    private static IEnumerable<DateTimeOffset> Midnights(DateTimeOffset fromUtc, DateTimeOffset toUtc, int days)
    {
        int every = days <= 7 ? 1 : days <= 30 ? 7 : 14;
        DateOnly first = DateOnly.FromDateTime(UkLocalTime.FromUtc(fromUtc)).AddDays(1);
        for (DateOnly date = first; ; date = date.AddDays(every))
        {
            DateTimeOffset midnight = UkLocalTime.ToUtc(date.ToDateTime(TimeOnly.MinValue));
            if (midnight > toUtc)
            {
                yield break;
            }

            yield return midnight;
        }
    }

    private static XElement Diamond(double x, double y, string level, string text)
    {
        const double r = 5;
        return new XElement(s_svg + "path", new XAttribute("class", "mark level-" + level),
            new XAttribute("d", $"M{Number(x)},{Number(y - r)} L{Number(x + r)},{Number(y)} L{Number(x)},{Number(y + r)} L{Number(x - r)},{Number(y)} Z"),
            new XElement(s_svg + "title", text));
    }

    private static XElement Line(double x1, double y1, double x2, double y2, string cssClass) =>
        new(s_svg + "line", Attr("x1", x1), Attr("y1", y1), Attr("x2", x2), Attr("y2", y2), new XAttribute("class", cssClass));

    private static XElement Text(double x, double y, string text, string cssClass, string anchor) =>
        new(s_svg + "text", Attr("x", x), Attr("y", y), new XAttribute("class", cssClass), new XAttribute("text-anchor", anchor), text);

    private static XAttribute Attr(string name, double value) => new(name, Number(value));

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
