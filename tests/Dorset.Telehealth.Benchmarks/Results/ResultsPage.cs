using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace Dorset.Telehealth.Benchmarks.Results;

/// <summary>RESULTS.md from one `all` run: the machine, the ingest comparison with its chart, then every figure.</summary>
public static class ResultsPage
{
    public const string ChartFile = "ingest-vs-mosquitto.svg";

    public static string Render(DateTimeOffset started, TimeSpan took, MachineInfo machine, bool quick, IReadOnlyList<IngestComparison> ingest,
        IReadOnlyList<Figure> figures, IReadOnlyList<string> failed)
    {
        var page = new StringBuilder();
        page.AppendLine("# Benchmark results");
        page.AppendLine();
        page.AppendLine(Invariant($"Written by `dotnet run -c Release --project tests/Dorset.Telehealth.Benchmarks -- all{(quick ? " --quick" : "")}` on {started:yyyy-MM-dd HH:mm} UTC; the run took {took.TotalMinutes:0.0} min. Do not edit by hand: run it again."));
        page.AppendLine();
        page.AppendLine($"- Machine: {machine.Describe()}.");
        page.AppendLine(quick
            ? "- Mode: **quick** (smaller loads than issue 15's goals name: fewer messages, readings and samples); the figures show the shape, not the goals' verdict."
            : "- Mode: full (issue 15's loads).");
        page.AppendLine("- Every ratio is taken within this run (figure and baseline back to back on the same machine). On a shared machine other processes' CPU moves both; the load average above says how busy it was.");
        page.AppendLine(failed.Count == 0 ? "- Every measure ran to completion." : $"- **Incomplete**: {string.Join(", ", failed)} did not complete (see the run's output).");
        page.AppendLine();
        page.AppendLine("## Ingest against Mosquitto");
        page.AppendLine();
        page.AppendLine($"![ingest rate and CPU per reading, gateway against Mosquitto]({ChartFile})");
        page.AppendLine();
        page.AppendLine("MQTTnet alone is the MQTT server the gateway embeds, with the gateway's options and no storage, under the same load: the floor under the gateway's CPU that no change to the gateway's own code removes.");
        page.AppendLine();
        page.AppendLine("| load | frames | gateway readings/s | Mosquitto readings/s | ratio | goal | gateway CPU µs/reading | MQTTnet alone CPU µs/message | Mosquitto CPU µs/message | ratio | goal | gateway disk bytes/reading |");
        page.AppendLine("|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---|---:|");
        foreach (IngestComparison r in ingest)
        {
            page.AppendLine(Invariant($"| {r.Label} | {r.Frames} | {r.GatewayReadingsPerSecond:0} | {r.MosquittoReadingsPerSecond:0} | {r.GatewayReadingsPerSecond / r.MosquittoReadingsPerSecond:0.00}x | >= 1.0x | {r.GatewayCpuMicrosecondsPerReading:0.0} | {r.MqttnetFloorCpuMicrosecondsPerMessage:0.0} | {r.MosquittoCpuMicrosecondsPerMessage:0.0} | {r.GatewayCpuMicrosecondsPerReading / r.MosquittoCpuMicrosecondsPerMessage:0.00}x | {IngestGoals.Cpu(r) ?? "-"} | {r.GatewayDiskBytesPerReading:0} |"));
        }

        page.AppendLine();
        page.AppendLine("## Every figure");
        page.AppendLine();
        page.AppendLine("| measure | figure | baseline (same run) | baseline figure | ratio | goal (issue 15) | note |");
        page.AppendLine("|---|---:|---|---:|---:|---|---|");
        foreach (Figure f in figures)
        {
            page.AppendLine(Invariant($"| {f.Measure} | {Number(f.Value)} {f.Unit} | {f.Baseline ?? "-"} | {(f.BaselineValue is double b ? Number(b) + " " + f.Unit : "-")} | {(f.Ratio is double ratio ? Ratio(ratio) : "-")} | {f.Goal ?? "-"} | {f.Note ?? ""} |"));
        }

        return page.ToString();
    }

    // A pipeline against a decode is thousands of times slower; two decimals would print it as 0.00x.
    private static string Ratio(double ratio) => ratio.ToString(ratio < 0.01 ? "0.0000" : "0.00", CultureInfo.InvariantCulture) + "x";

    private static string Number(double value) => value switch
    {
        >= 1000 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.00", CultureInfo.InvariantCulture),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
