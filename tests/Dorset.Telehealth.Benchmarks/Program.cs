using System;
using System.Globalization;
using System.Linq;
using Dorset.Telehealth.Benchmarks.Cloud;
using Dorset.Telehealth.Benchmarks.Gateway;
using Dorset.Telehealth.Benchmarks.HomeUnit;

// One verb per measure; see README.md beside this file.
string verb = args.Length > 0 ? args[0] : "";
switch (verb)
{
    case "ingest" or "rss" or "console" or "patient-page" or "soak":
        return await BenchmarkRunner.RunAsync(args);
    case "cloud-ingest":
        return await CloudIngestionBenchmark.RunAsync(args.Skip(1).ToArray());
    case "unit-pipeline":
        UnitPipelineBenchmark.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000);
        return 0;
    default:
        Console.Error.WriteLine($"unknown verb '{verb}': expected ingest, rss, console, patient-page, soak, cloud-ingest or unit-pipeline");
        return 2;
}
