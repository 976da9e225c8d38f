using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.Benchmarks.Cloud;
using Dorset.Telehealth.Benchmarks.Gateway;
using Dorset.Telehealth.Benchmarks.HomeUnit;
using Dorset.Telehealth.Benchmarks.Micro;
using Dorset.Telehealth.Benchmarks.Results;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Benchmarks.Suite;

/// <summary>
/// `all [--quick]`: every measure one after another (never two at once: they would share the CPU they measure), then
/// RESULTS.md and its chart beside this project. A measure that fails is named on the page and makes the exit code 1;
/// the rest still run.
/// </summary>
public static class AllBenchmarks
{
    public static async Task<int> RunAsync(bool quick)
    {
        SuiteLoads loads = quick ? SuiteLoads.Quick : SuiteLoads.Full;
        DateTimeOffset started = DateTimeOffset.UtcNow;
        MachineInfo machine = MachineInfo.Current();
        var clock = Stopwatch.StartNew();
        var ingest = new List<IngestComparison>();
        var figures = new List<Figure>();
        var failed = new List<string>();
        Console.WriteLine($"all{(quick ? " --quick" : "")}: {machine.Describe()}");

        async Task Measure(string name, Func<Task<IEnumerable<Figure>?>> measure)
        {
            Console.WriteLine($"== {name} ({clock.Elapsed.TotalMinutes:0.0} min)");
            try
            {
                IEnumerable<Figure>? got = await measure();
                if (got == null)
                {
                    failed.Add(name);
                }
                else
                {
                    figures.AddRange(got);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // One line, and the suite goes on: the page names what is missing.
                Console.Error.WriteLine($"{name}: failed: {e.GetType().Name}: {e.Message}");
                failed.Add(name);
            }
        }

        await Measure("ingest, 1 reading per frame", async () => Ingest(ingest, await IngestBenchmark.RunAsync([50, 500], loads.SingleReadingFrames, 1)));
        await Measure("ingest, 8 readings per frame", async () => Ingest(ingest, await IngestBenchmark.RunAsync([50, 500], loads.EightReadingFrames, 8)));
        await Measure("profile, 1 reading per frame", async () => await IngestProfile.RunAsync(500, loads.SingleReadingFrames, 1));
        await Measure("profile, 8 readings per frame", async () => await IngestProfile.RunAsync(500, loads.EightReadingFrames, 8));
        await Measure("rss", async () => [await RssBenchmark.RunAsync(loads.Units)]);
        await Measure("console", async () => await ConsoleBenchmark.RunAsync(loads.Units, 5, loads.ConsoleSamples));
        await Measure("patient-page", async () => await PatientPageBenchmark.RunAsync(90, 4, loads.PatientPageRequests));
        await Measure("soak", async () => await SoakBenchmark.RunAsync(loads.Units, TimeSpan.FromMinutes(loads.SoakMinutes), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(quick ? 10 : 30)));
        await Measure("recovery", async () => await RecoveryBenchmark.RunAsync(loads.Units, loads.RecoveryFrames, 8));
        await Measure("backlog-drain", async () => await BacklogDrainBenchmark.RunAsync(loads.BacklogReadings, 50));
        await Measure("latency", async () => await LatencyBenchmark.RunAsync(loads.Units, loads.LatencySamples, 60));
        await Measure("cloud-ingest", async () => await CloudIngestionBenchmark.MeasureAsync(new CloudIngestRun(loads.CloudReadings, Rounds: loads.CloudRounds)) is Figure f ? [f] : null);
        await Measure("unit-pipeline", () => Task.FromResult<IEnumerable<Figure>?>(UnitPipelineBenchmark.Run(loads.UnitPipelineRecords)));
        await Measure("micro", () =>
        {
            var summary = MicroBenchmarks.Measure(quick);
            return Task.FromResult<IEnumerable<Figure>?>(MicroBenchmarks.Succeeded(summary) ? MicroBenchmarks.Figures(summary) : null);
        });

        string folder = RepositoryPaths.Combine("tests/Dorset.Telehealth.Benchmarks");
        if (ingest.Count > 0)
        {
            IngestChart.Write(Path.Combine(folder, ResultsPage.ChartFile), ingest);
        }

        File.WriteAllText(Path.Combine(folder, "RESULTS.md"), ResultsPage.Render(started, clock.Elapsed, machine, quick, ingest, figures, failed));
        Console.WriteLine($"all: wrote {Path.Combine(folder, "RESULTS.md")} in {clock.Elapsed.TotalMinutes:0.0} min; {(failed.Count == 0 ? "every measure completed" : "incomplete: " + string.Join(", ", failed))}");
        return failed.Count == 0 ? 0 : 1;
    }

    private static IEnumerable<Figure> Ingest(List<IngestComparison> all, List<IngestComparison> rows)
    {
        all.AddRange(rows);
        return rows.SelectMany(IngestGoals.Figures).ToList();
    }
}
