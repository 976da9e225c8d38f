using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ScottPlot;

namespace Dorset.Telehealth.Benchmarks.Results;

/// <summary>
/// The results page's chart (ScottPlot): for each ingest load, the gateway's readings per second beside Mosquitto's and
/// the MQTTnet server's alone, and the gateway's CPU per reading beside their CPU per message; two panels in one SVG.
/// </summary>
public static partial class IngestChart
{
    private const int Width = 900, PanelHeight = 380;

    public static void Write(string path, IReadOnlyList<IngestComparison> rows)
    {
        string rate = Panel(rows, "Ingest rate (higher is better)", "readings/s",
            [r => r.GatewayReadingsPerSecond, r => r.MqttnetFloorReadingsPerSecond, r => r.MosquittoReadingsPerSecond]);
        string cpu = Panel(rows, "CPU per reading (lower is better; MQTTnet alone and Mosquitto: per message)", "CPU µs",
            [r => r.GatewayCpuMicrosecondsPerReading, r => r.MqttnetFloorCpuMicrosecondsPerMessage, r => r.MosquittoCpuMicrosecondsPerMessage]);
        // ScottPlot draws one plot per SVG; the two are nested in one document, one above the other.
        File.WriteAllText(path, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{2 * PanelHeight}\">\n"
            + Nest(rate, 0) + "\n" + Nest(cpu, PanelHeight) + "\n</svg>\n");
    }

    private static readonly (string Legend, Color Fill)[] s_series =
    [
        ("dorset-gateway (fsync before PUBACK)", Colors.SteelBlue),
        ("MQTTnet 5 alone (the gateway's MQTT server, no storage)", Colors.LightSteelBlue),
        ("Mosquitto 2 (persistence off)", Colors.Gray),
    ];

    // One group of bars per load, one bar per series in s_series' order, a gap between groups.
    private static string Panel(IReadOnlyList<IngestComparison> rows, string title, string unit, System.Func<IngestComparison, double>[] values)
    {
        var plot = new Plot();
        int group = values.Length + 1;
        for (int s = 0; s < values.Length; s++)
        {
            var bars = rows.Select((row, i) => new Bar { Position = (i * group) + s + 1, Value = values[s](row), FillColor = s_series[s].Fill }).ToList();
            plot.Add.Bars(bars).LegendText = s_series[s].Legend;
        }

        plot.Axes.Bottom.SetTicks(rows.Select((_, i) => (i * group) + ((values.Length + 1) / 2.0)).ToArray(), rows.Select(r => r.Label).ToArray());
        plot.Axes.Left.Label.Text = unit;
        // Headroom above the tallest bar for the legend.
        plot.Axes.Margins(bottom: 0, top: 0.35);
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
