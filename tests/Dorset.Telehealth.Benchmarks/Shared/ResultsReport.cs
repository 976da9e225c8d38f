using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Dorset.Telehealth.Benchmarks.Shared;

/// <summary>Renders RESULTS.md from the figures of one run; it measures nothing itself.</summary>
public static class ResultsReport
{
    public static string Render(DateTimeOffset at, MachineDescription machine, bool quick, string chartFile, IReadOnlyList<Figure> figures)
    {
        var md = new StringBuilder();
        md.AppendLine("# Benchmark results");
        md.AppendLine();
        md.AppendLine("Written by `dotnet run -c Release --project tests/Dorset.Telehealth.Benchmarks -- all" + (quick ? " --quick" : "") + "`; every ratio is against a baseline measured in the same run.");
        md.AppendLine();
        md.AppendLine(Invariant($"- date: {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC{(quick ? " (quick run: smaller loads)" : "")}"));
        md.AppendLine(Invariant($"- machine: {machine.Cores} cores, {machine.MemoryBytes / 1073741824.0:0.0} GiB memory, {machine.OperatingSystem}"));
        md.AppendLine();
        md.AppendLine($"![ingest rate and CPU per reading against Mosquitto]({chartFile})");
        md.AppendLine();
        md.AppendLine("| measure | case | figure | baseline | ratio | goal |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (Figure f in figures)
        {
            string baseline = f.Baseline is { } b ? $"{f.BaselineName}: {Number(b)} {f.Unit}" : "-";
            string ratio = f.Ratio is { } r ? Invariant($"{r:0.00}x") : "-";
            md.AppendLine($"| {f.Measure} | {f.Case} | {Number(f.Value)} {f.Unit} | {baseline} | {ratio} | {f.Goal ?? "-"} |");
        }

        return md.ToString();
    }

    // Three significant figures at most below 100, whole numbers with thousands separators above.
    private static string Number(double value) => Math.Abs(value) >= 100 ? value.ToString("#,0", CultureInfo.InvariantCulture) : value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
