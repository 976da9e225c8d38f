using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Dorset.Telehealth.Benchmarks.Cloud;
using Dorset.Telehealth.Benchmarks.Results;
using Dorset.Telehealth.Gateway.Accounts;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.TestSupport;
using MQTTnet;

namespace Dorset.Telehealth.Benchmarks.Gateway;

/// <summary>
/// `latency [--units 2000] [--samples 200] [--interval 60]` (issue 15 goal 5): a steady fleet (every unit one frame per
/// <c>interval</c> seconds, staggered) on a gateway forwarding to the cloud on PostgreSQL, with one console tab's event
/// stream open. A probe unit publishes a reading every 250 ms; each one's latency is taken from the moment the probe
/// hands the frame to its MQTT client to the PUBACK (the gateway's commit), to the event on the console stream, and
/// to the cloud's commit (the row's stored_at, same machine clock).
/// What it leaves out: the unit's own leg, from the BLE notification in the virtual device to the frame (measured
/// in-process by `unit-pipeline`), and the browser's redraw after the event.
/// </summary>
public static class LatencyBenchmark
{
    private const string Probe = "probe-unit";
    private static readonly TimeSpan ProbeEvery = TimeSpan.FromMilliseconds(250);

    public static async Task<IReadOnlyList<Figure>> RunAsync(int units, int samples, int intervalSeconds)
    {
        using var dir = new TempDirectory("dgw-bench-");
        var database = new GatewayDatabase(Path.Combine(dir.Path, "gateway.db"));
        var registry = new UnitRegistry(database);
        var fleet = Enumerable.Range(0, units - 1).Select(i => (Unit: $"fleet-{i:D5}", Secret: registry.Add($"fleet-{i:D5}", $"case-{i}"))).ToList();
        string probeSecret = registry.Add(Probe, "case-probe");
        string password = HubUserStore.NewPassword();
        new HubUserStore(database).Add("bench.nurse", HubRoles.Staff, password, "benchmark", DateTimeOffset.UtcNow);
        await using CloudService cloud = await CloudService.StartAsync(fleet.Select(f => f.Unit).Append(Probe));
        int port = FreePort.Next(), httpPort = FreePort.Next();
        using var gateway = BenchmarkRunner.StartGateway(dir.Path, port, httpPort, cloud.GatewayArguments);
        await BenchmarkRunner.WaitPortAsync(port);
        var clients = new List<IMqttClient>();
        foreach (var chunk in fleet.Chunk(100))
        {
            clients.AddRange(await Task.WhenAll(chunk.Select(c => BenchmarkRunner.ConnectAsync(port, c.Unit, c.Secret))));
        }

        using IMqttClient probe = await BenchmarkRunner.ConnectAsync(port, Probe, probeSecret);
        using var stop = new CancellationTokenSource();
        TimeSpan interval = TimeSpan.FromSeconds(intervalSeconds);
        var steady = clients.Select((c, i) => SoakBenchmark.PublishForeverAsync(c, fleet[i].Unit, interval * i / clients.Count, interval, stop.Token)).ToList();
        var events = Channel.CreateUnbounded<(string Line, long At)>();
        using var tab = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = Timeout.InfiniteTimeSpan };
        (await tab.PostAsJsonAsync("/api/session", new { name = "bench.nurse", password })).EnsureSuccessStatusCode();
        var open = new TaskCompletionSource();
        _ = ConsoleBenchmark.ReadEventsAsync(tab, events.Writer, open, stop.Token);
        await open.Task;

        var commit = new List<double>();
        var console = new List<double>();
        var sent = new Dictionary<long, DateTimeOffset>();
        for (int i = 1; i <= samples; i++)
        {
            while (events.Reader.TryRead(out _))
            {
            }

            DateTimeOffset wall = DateTimeOffset.UtcNow;
            long start = Stopwatch.GetTimestamp();
            await probe.PublishAsync(BenchmarkRunner.Message(Probe, i));
            commit.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            sent[i] = wall;
            while (true)
            {
                var (line, at) = await events.Reader.ReadAsync();
                if (line.StartsWith("data: readings " + Probe + " ", StringComparison.Ordinal))
                {
                    console.Add(Stopwatch.GetElapsedTime(start, at).TotalMilliseconds);
                    break;
                }
            }

            await Task.Delay(ProbeEvery);
        }

        Dictionary<long, DateTimeOffset> stored = await cloud.StoredAtAsync(Probe);
        for (var deadline = DateTime.UtcNow.AddSeconds(60); stored.Count < samples && DateTime.UtcNow < deadline; stored = await cloud.StoredAtAsync(Probe))
        {
            await Task.Delay(500);
        }

        stop.Cancel();
        long published = (await Task.WhenAll(steady)).Sum();
        var cloudLatency = sent.Where(s => stored.ContainsKey(s.Key)).Select(s => (stored[s.Key] - s.Value).TotalMilliseconds).ToList();
        commit.Sort();
        console.Sort();
        cloudLatency.Sort();
        Console.WriteLine($"latency: {units} units ({published} fleet frames meanwhile, one per unit every {intervalSeconds} s), {samples} probe readings, {cloudLatency.Count} reached the cloud");
        Console.WriteLine($"  publish -> gateway commit (PUBACK): p50 {ConsoleBenchmark.Percentile(commit, 0.5):0.0} ms, p99 {ConsoleBenchmark.Percentile(commit, 0.99):0.0} ms");
        Console.WriteLine($"  publish -> console event          : p50 {ConsoleBenchmark.Percentile(console, 0.5):0.0} ms, p99 {ConsoleBenchmark.Percentile(console, 0.99):0.0} ms");
        Console.WriteLine(cloudLatency.Count == 0 ? "  publish -> cloud commit: no probe reading reached the cloud in 60 s"
            : $"  publish -> cloud commit           : p50 {ConsoleBenchmark.Percentile(cloudLatency, 0.5):0} ms, p99 {ConsoleBenchmark.Percentile(cloudLatency, 0.99):0} ms");
        Console.WriteLine("  left out: the unit's leg from the BLE notification to the frame (see unit-pipeline) and the browser's redraw");
        foreach (var c in clients)
        {
            c.Dispose();
        }

        const string Without = "from the probe's publish; the unit's BLE-to-frame leg is not in it";
        var figures = new List<Figure>
        {
            new($"latency at {units} units: publish -> gateway commit (PUBACK), p99", ConsoleBenchmark.Percentile(commit, 0.99), "ms") { Note = Without },
            new($"latency at {units} units: publish -> console event, p50", ConsoleBenchmark.Percentile(console, 0.5), "ms") { Note = Without },
            new($"latency at {units} units: publish -> console event, p99", ConsoleBenchmark.Percentile(console, 0.99), "ms", Goal: "console p99 <= 250 ms") { Note = Without },
        };
        if (cloudLatency.Count > 0)
        {
            figures.Add(new($"latency at {units} units: publish -> cloud commit, p50", ConsoleBenchmark.Percentile(cloudLatency, 0.5), "ms") { Note = Without });
            figures.Add(new($"latency at {units} units: publish -> cloud commit, p99", ConsoleBenchmark.Percentile(cloudLatency, 0.99), "ms", Goal: "cloud p99 <= 2 s")
            {
                Note = $"{Without}; {cloudLatency.Count} of {samples} probe readings reached the cloud",
            });
        }

        return figures;
    }
}
