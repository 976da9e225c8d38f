using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.Benchmarks.Cloud;
using Dorset.Telehealth.Benchmarks.Gateway;
using Dorset.Telehealth.Benchmarks.HomeUnit;
using Dorset.Telehealth.Benchmarks.Micro;
using Dorset.Telehealth.Benchmarks.Suite;
using static Dorset.Telehealth.Benchmarks.Gateway.BenchmarkRunner;

// One verb per measure, and `all` for every one of them and the results page; see README.md beside this file.
string verb = args.Length > 0 ? args[0] : "";
int Int(string name, int fallback) => int.Parse(Option(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
try
{
    switch (verb)
    {
        case "all":
            return await AllBenchmarks.RunAsync(args.Contains("--quick"));
        case "ingest":
            await IngestBenchmark.RunAsync(Option(args, "--units", "50,500").Split(',').Select(int.Parse).ToArray(), Int("--messages", 20_000), Int("--readings-per-frame", 1));
            return 0;
        case "mqttnet-floor":
            return await MqttnetFloorServer.RunAsync(Int("--port", 1883));
        case "profile":
            await IngestProfile.RunAsync(Int("--units", 500), Int("--messages", 60_000), Int("--readings-per-frame", 1));
            return 0;
        case "rss":
            await RssBenchmark.RunAsync(Int("--units", 2000));
            return 0;
        case "console":
            await ConsoleBenchmark.RunAsync(Int("--units", 2000), Int("--tabs", 5), Int("--samples", 300));
            return 0;
        case "patient-page":
            await PatientPageBenchmark.RunAsync(Int("--days", 90), Int("--per-day", 4), Int("--requests", 50));
            return 0;
        case "soak":
            await SoakBenchmark.RunAsync(Int("--units", 2000), TimeSpan.FromMinutes(Int("--minutes", 30)), TimeSpan.FromSeconds(Int("--interval", 60)), TimeSpan.FromSeconds(Int("--sample", 30)));
            return 0;
        case "recovery":
            await RecoveryBenchmark.RunAsync(Int("--units", 2000), Int("--frames", 4), Int("--readings-per-frame", 8));
            return 0;
        case "backlog-drain":
            return await BacklogDrainBenchmark.RunAsync(Int("--readings", args.Contains("--quick") ? BacklogDrainBenchmark.QuickReadings : 1_000_000), Int("--units", 50), args.Contains("--cloud-low-priority"), args.Contains("--postgres-no-fsync")) == null ? 1 : 0;
        case "latency":
            await LatencyBenchmark.RunAsync(Int("--units", 2000), Int("--samples", 200), Int("--interval", 60));
            return 0;
        case "cloud-ingest":
            return await CloudIngestionBenchmark.RunAsync(args.Skip(1).ToArray());
        case "unit-pipeline":
            UnitPipelineBenchmark.Run(args.Length > 1 && !args[1].StartsWith('-') ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000);
            return 0;
        case "micro":
            return MicroBenchmarks.Run(args.Skip(1).ToArray());
        default:
            Console.Error.WriteLine($"unknown verb '{verb}': expected all [--quick], ingest, profile, rss, console, patient-page, soak, recovery, backlog-drain, latency, cloud-ingest, unit-pipeline or micro");
            return 2;
    }
}
catch (FormatException e)
{
    Console.Error.WriteLine($"{verb}: {e.Message}");
    return 2;
}
