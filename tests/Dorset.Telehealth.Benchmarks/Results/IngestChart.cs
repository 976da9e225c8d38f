using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ScottPlot;

namespace Dorset.Telehealth.Benchmarks.Results;

/// <summary>
/// The results page's chart (ScottPlot): for each ingest load, the gateway's readings per second beside Mosquitto's,
/// and the gateway's CPU per reading beside Mosquitto's CPU per message; two panels in one SVG file.
/// </summary>
public static partial class IngestChart
{
    private const int Width = 900, PanelHeight = 380;

    public static void Write(string path, IReadOnlyList<IngestComparison> rows)
    {
        string rate = Panel(rows, "Ingest rate (higher is better)", "readings/s", r => r.GatewayReadingsPerSecond, r => r.MosquittoReadingsPerSecond);
        string cpu = Panel(rows, "CPU per reading (lower is better; Mosquitto: per message)", "CPU µs", r => r.GatewayCpuMicrosecondsPerReading, r => r.MosquittoCpuMicrosecondsPerMessage);
        // ScottPlot draws one plot per SVG; the two are nested in one document, one above the other.
        File.WriteAllText(path, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{2 * PanelHeight}\">\n"
            + Nest(rate, 0) + "\n" + Nest(cpu, PanelHeight) + "\n</svg>\n");
    }

    private static string Panel(IReadOnlyList<IngestComparison> rows, string title, string unit, System.Func<IngestComparison, double> gateway, System.Func<IngestComparison, double> mosquitto)
    {
        var plot = new Plot();
        var gatewayBars = new List<Bar>();
        var mosquittoBars = new List<Bar>();
        for (int i = 0; i < rows.Count; i++)
        {
            gatewayBars.Add(new Bar { Position = (i * 3) + 1, Value = gateway(rows[i]), FillColor = Colors.SteelBlue });
            mosquittoBars.Add(new Bar { Position = (i * 3) + 2, Value = mosquitto(rows[i]), FillColor = Colors.Gray });
        }

        plot.Add.Bars(gatewayBars).LegendText = "dorset-gateway (fsync before PUBACK)";
        plot.Add.Bars(mosquittoBars).LegendText = "Mosquitto 2 (persistence off)";
        plot.Axes.Bottom.SetTicks(rows.Select((_, i) => (i * 3) + 1.5).ToArray(), rows.Select(r => r.Label).ToArray());
        plot.Axes.Left.Label.Text = unit;
        // Headroom above the tallest bar for the legend.
        plot.Axes.Margins(bottom: 0, top: 0.3);
        plot.Title(title);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetSvgXml(Width, PanelHeight);
    }

    private static string Nest(string svg, int y)
    {
        string body = XmlDeclaration().Replace(svg, "");
        return SvgStart().Replace(body, $"<svg y=\"{y}\" ", 1);
    }

    [GeneratedRegex(@"<\?xml[^>]*\?>\s*")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"<svg\s")]
    private static partial Regex SvgStart();
}
