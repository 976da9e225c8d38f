using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.Benchmarks.Results;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.TestSupport;
using MQTTnet;

namespace Dorset.Telehealth.Benchmarks.Gateway;

/// <summary>
/// `ingest [--units 50,500] [--messages N] [--readings-per-frame 1]`: QoS 1 publish throughput of the gateway (durable:
/// every reading fsynced before PUBACK) against Mosquitto 2 with persistence off, same load generator, same run, and
/// each broker's CPU time per reading. Each simulated unit publishes its frames one after another, awaiting each
/// PUBACK, as a unit's outbox does.
/// </summary>
public static class IngestBenchmark
{
    public static async Task<List<IngestComparison>> RunAsync(int[] units, int totalFrames, int readingsPerFrame)
    {
        var rows = new List<IngestComparison>();
        Console.WriteLine($"ingest: {readingsPerFrame} reading(s) per frame");
        Console.WriteLine($"{"broker",-34} {"units",6} {"frames",9} {"seconds",8} {"frames/s",9}");
        foreach (int n in units)
        {
            int perUnit = Math.Max(1, totalFrames / n);
            Load mosquitto = await RunMosquittoAsync(n, perUnit, readingsPerFrame);
            Load gateway = await RunGatewayAsync(n, perUnit, readingsPerFrame);
            var row = new IngestComparison(n, readingsPerFrame, perUnit * n, gateway.FramesPerSecond * readingsPerFrame, mosquitto.FramesPerSecond * readingsPerFrame,
                gateway.CpuMicrosecondsPerFrame / readingsPerFrame, mosquitto.CpuMicrosecondsPerFrame);
            Console.WriteLine($"ratio gateway/mosquitto at {n} units, {readingsPerFrame}/frame: {row.GatewayReadingsPerSecond / row.MosquittoReadingsPerSecond:0.00}x readings/s;"
                + $" CPU per reading {row.GatewayCpuMicrosecondsPerReading:0.0} us vs Mosquitto's per message {row.MosquittoCpuMicrosecondsPerMessage:0.0} us"
                + $" ({row.GatewayCpuMicrosecondsPerReading / row.MosquittoCpuMicrosecondsPerMessage:0.00}x)");
            rows.Add(row);
        }

        return rows;
    }

    private static async Task<Load> RunMosquittoAsync(int units, int perUnit, int readingsPerFrame)
    {
        using var dir = new TempDirectory("dgw-bench-");
        int port = FreePort.Next();
        string config = Path.Combine(dir.Path, "mosquitto.conf");
        File.WriteAllText(config, $"user root\nlog_type error\nlistener {port} 127.0.0.1\nallow_anonymous true\npersistence false\nmax_inflight_messages 0\nmax_queued_messages 0\n");
        // Debian puts it in /usr/sbin, which a user's PATH often lacks.
        string mosquitto = IntegrationTool.Locate("mosquitto") ?? IntegrationTool.Locate("/usr/sbin/mosquitto")
            ?? throw new InvalidOperationException("mosquitto not found on PATH or in /usr/sbin: the ingest baseline needs it (apt-get install mosquitto)");
        using var broker = BenchmarkRunner.Start(mosquitto, new[] { "-c", config });
        await BenchmarkRunner.WaitPortAsync(port);
        var credentials = Enumerable.Range(0, units).Select(i => ($"bench-{i}", (string?)null)).ToList();
        return await LoadAsync("mosquitto 2 (persistence off)", port, credentials, perUnit, readingsPerFrame, broker.Id);
    }

    private static async Task<Load> RunGatewayAsync(int units, int perUnit, int readingsPerFrame)
    {
        using var dir = new TempDirectory("dgw-bench-");
        var registry = new UnitRegistry(new GatewayDatabase(Path.Combine(dir.Path, "gateway.db")));
        var credentials = Enumerable.Range(0, units).Select(i => ($"bench-{i}", (string?)registry.Add($"bench-{i}", null))).ToList();
        int port = FreePort.Next();
        int httpPort = FreePort.Next();
        using var gateway = BenchmarkRunner.StartGateway(dir.Path, port, httpPort);
        await BenchmarkRunner.WaitPortAsync(port);
        Load load = await LoadAsync("dorset-gateway (fsync before PUBACK)", port, credentials, perUnit, readingsPerFrame, gateway.Id);
        using (var http = new System.Net.Http.HttpClient())
        {
            string metrics = await http.GetStringAsync($"http://127.0.0.1:{httpPort}/metrics");
            double sum = BenchmarkRunner.Metric(metrics, "dorset_gateway_ingest_latency_seconds_sum");
            double count = BenchmarkRunner.Metric(metrics, "dorset_gateway_ingest_latency_seconds_count");
            Console.WriteLine($"  gateway mean receive-to-commit latency: {sum / Math.Max(1, count) * 1000:0.00} ms over {count} frames");
        }

        var store = new ReadingStore(new GatewayDatabase(Path.Combine(dir.Path, "gateway.db")));
        Console.WriteLine($"  gateway rows committed: {store.Count() + store.QuarantineCount()}");
        return load;
    }

    private static async Task<Load> LoadAsync(string name, int port, List<(string User, string? Secret)> credentials, int perUnit, int readingsPerFrame, int brokerPid)
    {
        var clients = new List<IMqttClient>();
        foreach (var chunk in credentials.Chunk(50))
        {
            clients.AddRange(await Task.WhenAll(chunk.Select(c => BenchmarkRunner.ConnectAsync(port, c.User, c.Secret))));
        }

        // A warm-up round (not measured, its sequences not reused) so both brokers are measured in their steady state:
        // the gateway's JIT and SQLite page cache, Mosquitto's allocator.
        await PublishAllAsync(name, clients, credentials, 1_000_000, Math.Max(1, perUnit / 5), readingsPerFrame);
        TimeSpan loadCpu = Process.GetCurrentProcess().TotalProcessorTime;
        TimeSpan brokerCpu = BenchmarkRunner.CpuTime(brokerPid);
        var stopwatch = Stopwatch.StartNew();
        await PublishAllAsync(name, clients, credentials, 1, perUnit, readingsPerFrame);
        stopwatch.Stop();
        loadCpu = Process.GetCurrentProcess().TotalProcessorTime - loadCpu;
        brokerCpu = BenchmarkRunner.CpuTime(brokerPid) - brokerCpu;
        int total = perUnit * clients.Count;
        double rate = total / stopwatch.Elapsed.TotalSeconds;
        Console.WriteLine($"{name,-34} {clients.Count,6} {total,9} {stopwatch.Elapsed.TotalSeconds,8:0.00} {rate,9:0}"
            + $"   CPU per frame: broker {brokerCpu.TotalMicroseconds / total:0.0} us, load generator {loadCpu.TotalMicroseconds / total:0.0} us");
        foreach (var c in clients)
        {
            await c.DisconnectAsync();
            c.Dispose();
        }

        return new Load(rate, brokerCpu.TotalMicroseconds / total);
    }

    private static Task PublishAllAsync(string name, List<IMqttClient> clients, List<(string User, string? Secret)> credentials, long firstSequence, int perUnit, int readingsPerFrame)
    {
        return Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
        {
            for (int m = 0; m < perUnit; m++)
            {
                var result = await client.PublishAsync(BenchmarkRunner.Message(credentials[i].User, firstSequence + (m * readingsPerFrame), readingsPerFrame));
                if (!result.IsSuccess)
                {
                    throw new InvalidOperationException($"{name}: publish refused: {result.ReasonCode}");
                }
            }
        })));
    }

    private sealed record Load(double FramesPerSecond, double CpuMicrosecondsPerFrame);
}
