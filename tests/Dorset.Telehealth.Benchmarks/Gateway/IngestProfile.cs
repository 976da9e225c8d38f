using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.Benchmarks.Profiling;
using Dorset.Telehealth.Benchmarks.Results;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Benchmarks.Gateway;

/// <summary>
/// `profile [--units 500] [--messages N] [--readings-per-frame 1]` (issue 15 goal 1, "profile first"): the gateway
/// half of `ingest` with Linux perf sampling the gateway over the timed frames, and the measured CPU per reading split
/// by where the samples fell (<see cref="CpuProfile"/>). Its own run: perf's sampling costs a little CPU, so the
/// ingest figures come from `ingest`, never from this.
/// </summary>
public static class IngestProfile
{
    // JIT-compiled frames are named from /tmp/perf-PID.map. With W^X on (the default) the runtime maps JIT code through
    // a memfd that perf cannot match to that map, so the profiled gateway runs with it off; production keeps it on.
    private static readonly Dictionary<string, string> s_profiledEnvironment = new()
    {
        ["DOTNET_PerfMapEnabled"] = "1",
        ["DOTNET_EnableWriteXorExecute"] = "0",
    };

    public static async Task<IReadOnlyList<Figure>> RunAsync(int units, int totalFrames, int readingsPerFrame)
    {
        using var dir = new TempDirectory("dgw-bench-");
        var registry = new UnitRegistry(new GatewayDatabase(Path.Combine(dir.Path, "gateway.db")));
        var credentials = Enumerable.Range(0, units).Select(i => ($"bench-{i}", (string?)registry.Add($"bench-{i}", null))).ToList();
        int port = FreePort.Next();
        using var gateway = BenchmarkRunner.StartGateway(dir.Path, port, FreePort.Next(), s_profiledEnvironment, []);
        await BenchmarkRunner.WaitPortAsync(port);
        string data = Path.Combine(dir.Path, "perf.data");
        int perUnit = Math.Max(1, totalFrames / units);
        IngestBenchmark.PrintHeader();
        IngestBenchmark.Load load = await IngestBenchmark.LoadAsync("dorset-gateway under perf", port, credentials, perUnit, readingsPerFrame, gateway.Id,
            measuredWindow: () => new PerfRecording(gateway.Id, data));
        double cpuPerReading = load.CpuMicrosecondsPerFrame / readingsPerFrame;
        string script = PerfRecording.Script(data);
        // Kept for a closer look (flame graphs: inferno-collapse-perf or speedscope read this text).
        string kept = RepositoryPaths.Combine($"artifacts/profile/gateway-{units}-units-{readingsPerFrame}-per-frame.perf.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(kept)!);
        File.WriteAllText(kept, script);
        CpuProfile profile = CpuProfile.Parse(new StringReader(script));
        string label = $"{units} units, {readingsPerFrame}/frame";
        Console.WriteLine($"where the gateway's {cpuPerReading:0.0} us of CPU per reading goes ({label}, {profile.Samples} samples):");
        var figures = new List<Figure>();
        foreach (var (category, samples) in profile.Categories)
        {
            double share = (double)samples / profile.Samples;
            Console.WriteLine($"  {cpuPerReading * share,6:0.0} us  {share,6:P1}  {category}");
            figures.Add(new Figure($"CPU per reading by where it goes, {label}: {category}", cpuPerReading * share, "µs")
            {
                Note = $"{share:P1} of {profile.Samples} perf samples; total {cpuPerReading:0.0} µs per reading under perf",
            });
        }

        Console.WriteLine($"  samples kept in {kept}; leaf frames seen most:");
        foreach (var (frame, samples) in profile.Leaves)
        {
            Console.WriteLine($"  {(double)samples / profile.Samples,6:P1}  {frame}");
        }

        return figures;
    }
}
