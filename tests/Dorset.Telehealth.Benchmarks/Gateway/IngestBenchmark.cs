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
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(8);

    // The longest broker name, "dorset-gateway (fsync before PUBACK)", and a space.
    private const int NameWidth = 37;

    /// <summary>The column heads of the rows <see cref="LoadAsync"/> prints.</summary>
    internal static void PrintHeader() => Console.WriteLine($"{"broker",-NameWidth} {"units",6} {"frames",9} {"seconds",8} {"frames/s",9}");

    public static async Task<List<IngestComparison>> RunAsync(int[] units, int totalFrames, int readingsPerFrame)
    {
        var rows = new List<IngestComparison>();
        Console.WriteLine($"ingest: {readingsPerFrame} reading(s) per frame");
        PrintHeader();
        foreach (int n in units)
        {
            int perUnit = Math.Max(1, totalFrames / n);
            Load mosquitto = await RunMosquittoAsync(n, perUnit, readingsPerFrame);
            Load floor = await RunMqttnetFloorAsync(n, perUnit, readingsPerFrame);
            Load gateway = await RunGatewayAsync(n, perUnit, readingsPerFrame);
            var row = new IngestComparison(n, readingsPerFrame, perUnit * n, gateway.FramesPerSecond * readingsPerFrame, mosquitto.FramesPerSecond * readingsPerFrame,
                gateway.CpuMicrosecondsPerFrame / readingsPerFrame, mosquitto.CpuMicrosecondsPerFrame, gateway.DiskBytesPerFrame / readingsPerFrame)
            {
                GatewayAllocatedBytesPerReading = gateway.AllocatedBytesPerFrame / readingsPerFrame ?? 0,
                GatewayContextSwitchesPerReading = gateway.ContextSwitchesPerFrame / readingsPerFrame,
                MosquittoContextSwitchesPerMessage = mosquitto.ContextSwitchesPerFrame,
                MqttnetFloorReadingsPerSecond = floor.FramesPerSecond * readingsPerFrame,
                MqttnetFloorCpuMicrosecondsPerMessage = floor.CpuMicrosecondsPerFrame,
            };
            Console.WriteLine($"ratio gateway/mosquitto at {n} units, {readingsPerFrame}/frame: {row.GatewayReadingsPerSecond / row.MosquittoReadingsPerSecond:0.00}x readings/s;"
                + $" CPU per reading {row.GatewayCpuMicrosecondsPerReading:0.0} us vs Mosquitto's per message {row.MosquittoCpuMicrosecondsPerMessage:0.0} us"
                + $" ({row.GatewayCpuMicrosecondsPerReading / row.MosquittoCpuMicrosecondsPerMessage:0.00}x); MQTTnet alone {row.MqttnetFloorCpuMicrosecondsPerMessage:0.0} us per message"
                + $" ({row.MqttnetFloorCpuMicrosecondsPerMessage / row.MosquittoCpuMicrosecondsPerMessage:0.00}x Mosquitto's);"
                + $" per reading: gateway disk writes {row.GatewayDiskBytesPerReading:0} bytes ({row.GatewayDiskBytesPerReading / 4096:0.0} 4 KiB pages),"
                + $" managed allocations {row.GatewayAllocatedBytesPerReading:0} bytes, context switches {row.GatewayContextSwitchesPerReading:0.00} (Mosquitto {row.MosquittoContextSwitchesPerMessage:0.00} per message)");
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

    private static async Task<Load> RunMqttnetFloorAsync(int units, int perUnit, int readingsPerFrame)
    {
        int port = FreePort.Next();
        string self = Path.Combine(AppContext.BaseDirectory, "Dorset.Telehealth.Benchmarks.dll");
        using var server = BenchmarkRunner.Start("dotnet", [self, "mqttnet-floor", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await BenchmarkRunner.WaitPortAsync(port);
        var credentials = Enumerable.Range(0, units).Select(i => ($"bench-{i}", (string?)null)).ToList();
        return await LoadAsync("MQTTnet 5 alone (no storage)", port, credentials, perUnit, readingsPerFrame, server.Id);
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
        using var http = new System.Net.Http.HttpClient();
        string metricsUrl = $"http://127.0.0.1:{httpPort}/metrics";
        Load load = await LoadAsync("dorset-gateway (fsync before PUBACK)", port, credentials, perUnit, readingsPerFrame, gateway.Id,
            async () => BenchmarkRunner.Metric(await http.GetStringAsync(metricsUrl), "dorset_gateway_managed_allocated_bytes"));
        {
            string metrics = await http.GetStringAsync(metricsUrl);
            double sum = BenchmarkRunner.Metric(metrics, "dorset_gateway_ingest_latency_seconds_sum");
            double count = BenchmarkRunner.Metric(metrics, "dorset_gateway_ingest_latency_seconds_count");
            Console.WriteLine($"  gateway mean receive-to-commit latency: {sum / Math.Max(1, count) * 1000:0.00} ms over {count} frames (warm-up included)");
        }

        var store = new ReadingStore(new GatewayDatabase(Path.Combine(dir.Path, "gateway.db")));
        Console.WriteLine($"  gateway rows committed, warm-up included: {store.Count() + store.QuarantineCount()}");
        return load;
    }

    /// <summary>
    /// Connects the units, warms the broker up, then times <paramref name="perUnit"/> frames from each;
    /// <paramref name="measuredWindow"/>, when given, is started just before the timed frames and disposed after them.
    /// </summary>
    internal static async Task<Load> LoadAsync(string name, int port, List<(string User, string? Secret)> credentials, int perUnit, int readingsPerFrame, int brokerPid,
        Func<Task<double>>? allocatedBytes = null, Func<IDisposable>? measuredWindow = null)
    {
        var clients = new List<IMqttClient>();
        foreach (var chunk in credentials.Chunk(50))
        {
            clients.AddRange(await Task.WhenAll(chunk.Select(c => BenchmarkRunner.ConnectAsync(port, c.User, c.Secret))));
        }

        // Warm-up rounds (not measured, their sequences not reused) for at least WarmUp, so both brokers are measured in
        // their steady state: the gateway's tiered JIT (a profile of a shorter warm-up showed the JIT compiling in the
        // timed window) and SQLite page cache, Mosquitto's allocator.
        var warming = Stopwatch.StartNew();
        for (int round = 0; round == 0 || warming.Elapsed < WarmUp; round++)
        {
            await PublishAllAsync(name, clients, credentials, 1_000_000 + (round * 100_000L), Math.Max(1, perUnit / 5), readingsPerFrame);
        }

        TimeSpan loadCpu = Process.GetCurrentProcess().TotalProcessorTime;
        BrokerCounters before = await BrokerCounters.ReadAsync(brokerPid, allocatedBytes);
        var stopwatch = Stopwatch.StartNew();
        using (measuredWindow?.Invoke())
        {
            await PublishAllAsync(name, clients, credentials, 1, perUnit, readingsPerFrame);
        }

        stopwatch.Stop();
        loadCpu = Process.GetCurrentProcess().TotalProcessorTime - loadCpu;
        BrokerCounters used = (await BrokerCounters.ReadAsync(brokerPid, allocatedBytes)).Minus(before);
        int total = perUnit * clients.Count;
        double rate = total / stopwatch.Elapsed.TotalSeconds;
        Console.WriteLine($"{name,-NameWidth} {clients.Count,6} {total,9} {stopwatch.Elapsed.TotalSeconds,8:0.00} {rate,9:0}"
            + $"   per frame: broker CPU {used.Cpu.TotalMicroseconds / total:0.0} us, load generator CPU {loadCpu.TotalMicroseconds / total:0.0} us;"
            + $" broker disk writes {used.DiskBytes / total:0} bytes, context switches {used.ContextSwitches / total:0.00}"
            + (allocatedBytes == null ? string.Empty : $", managed allocations {used.AllocatedBytes / total:0} bytes"));
        foreach (var c in clients)
        {
            await c.DisconnectAsync();
            c.Dispose();
        }

        return new Load(rate, used.Cpu.TotalMicroseconds / total, used.DiskBytes / total, used.ContextSwitches / total, allocatedBytes == null ? null : used.AllocatedBytes / total);
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

    internal sealed record Load(double FramesPerSecond, double CpuMicrosecondsPerFrame, double DiskBytesPerFrame, double ContextSwitchesPerFrame, double? AllocatedBytesPerFrame);

    /// <summary>What the broker process has used so far: CPU, disk writes, context switches and (the gateway) managed allocations.</summary>
    private sealed record BrokerCounters(TimeSpan Cpu, double DiskBytes, double ContextSwitches, double AllocatedBytes)
    {
        public static async Task<BrokerCounters> ReadAsync(int pid, Func<Task<double>>? allocatedBytes) =>
            new(BenchmarkRunner.CpuTime(pid), BenchmarkRunner.DiskBytesWritten(pid), BenchmarkRunner.ContextSwitches(pid), allocatedBytes == null ? 0 : await allocatedBytes());

        public BrokerCounters Minus(BrokerCounters start) => new(Cpu - start.Cpu, DiskBytes - start.DiskBytes, ContextSwitches - start.ContextSwitches, AllocatedBytes - start.AllocatedBytes);
    }
}
