using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Benchmarks.Cloud;
using Dorset.Telehealth.Benchmarks.Results;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Protocol.Uplink;
using Dorset.Telehealth.TestSupport;
using MQTTnet;

namespace Dorset.Telehealth.Benchmarks.Gateway;

/// <summary>
/// `backlog-drain [--readings 1000000 | --quick] [--units 50]` (issue 15 goal 4): a week with the cloud link down.
/// The backlog is built through the gateway's own ingest (units emptying their outboxes in full 64-reading frames) with
/// no cloud configured; then the gateway restarts forwarding to the cloud on PostgreSQL (production cloud settings,
/// its rate limit included) and the figure is the time until every backlog reading is stored there. Meanwhile
/// <c>units</c> other units publish one-reading frames back to back; their rate is compared with the same load on
/// the same gateway before the drain, with nothing to forward.
/// </summary>
public static class BacklogDrainBenchmark
{
    public const int QuickReadings = 20_000;
    private const string BacklogPrefix = "backlog-";
    private const int BacklogUnits = 16;
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(10);

    /// <param name="readings">The backlog.</param>
    /// <param name="liveUnits">Units publishing during both windows.</param>
    /// <param name="cloudAtLowPriority">`--cloud-low-priority`: the cloud and PostgreSQL at nice 19 (<see cref="CloudService.StartAsync"/>), a diagnostic of how much of the ingest lost during the drain is the cloud's CPU on the gateway's cores.</param>
    /// <param name="postgresWithoutFsync">`--postgres-no-fsync`: a diagnostic of how much is PostgreSQL's flushes on the gateway's disk.</param>
    public static async Task<IReadOnlyList<Figure>?> RunAsync(int readings, int liveUnits, bool cloudAtLowPriority = false, bool postgresWithoutFsync = false)
    {
        using var dir = new TempDirectory("dgw-bench-");
        var database = new GatewayDatabase(Path.Combine(dir.Path, "gateway.db"));
        var registry = new UnitRegistry(database);
        var backlog = Enumerable.Range(0, BacklogUnits).Select(i => (Unit: $"{BacklogPrefix}{i:D2}", Secret: registry.Add($"{BacklogPrefix}{i:D2}", $"case-b{i}"))).ToList();
        var live = Enumerable.Range(0, liveUnits).Select(i => (Unit: $"live-{i:D4}", Secret: registry.Add($"live-{i:D4}", $"case-l{i}"))).ToList();
        int mqttPort = FreePort.Next(), httpPort = FreePort.Next();
        int perUnit = readings / BacklogUnits;
        double idleRate;
        var liveSequences = new long[liveUnits];
        using (var seeding = BenchmarkRunner.StartGateway(dir.Path, mqttPort, httpPort))
        {
            await BenchmarkRunner.WaitPortAsync(mqttPort);
            var seedClock = Stopwatch.StartNew();
            await Task.WhenAll(backlog.Select(b => Task.Run(() => SeedAsync(mqttPort, b.Unit, b.Secret, perUnit))));
            Console.WriteLine($"backlog: {perUnit * BacklogUnits} readings built through ingest in {seedClock.Elapsed.TotalSeconds:0.0} s, cloud link down");
            List<IMqttClient> clients = await ConnectAllAsync(mqttPort, live);
            var idleCpu = CpuShare.Start(seeding.Id, null);
            using var idle = new CancellationTokenSource(IdleWindow);
            idleRate = await LiveLoadAsync(clients, live, liveSequences, idle.Token);
            Console.WriteLine($"  ingest from {liveUnits} units, nothing to forward: {idleRate:0} readings/s; {idleCpu.Stop()}");
            clients.ForEach(c => c.Dispose());
        }

        await using CloudService cloud = await CloudService.StartAsync(backlog.Concat(live).Select(u => u.Unit), lowPriority: cloudAtLowPriority, noFsync: postgresWithoutFsync);
        if (cloudAtLowPriority || postgresWithoutFsync)
        {
            Console.WriteLine($"  diagnostic, not the goal's figure:{(cloudAtLowPriority ? " the cloud and PostgreSQL at nice 19;" : "")}{(postgresWithoutFsync ? " PostgreSQL without fsync;" : "")} as if they were on another machine");
        }

        var clock = Stopwatch.StartNew();
        using var gateway = BenchmarkRunner.StartGateway(dir.Path, mqttPort, httpPort, cloud.GatewayArguments);
        await BenchmarkRunner.WaitPortAsync(mqttPort);
        List<IMqttClient> during = await ConnectAllAsync(mqttPort, live);
        var drainCpu = CpuShare.Start(gateway.Id, cloud);
        using var drained = new CancellationTokenSource();
        Task<double> liveDuring = LiveLoadAsync(during, live, liveSequences, drained.Token);
        long target = perUnit * BacklogUnits, stored = 0;
        TimeSpan limit = TimeSpan.FromMinutes(Math.Max(5, target / 1000.0 / 60 * 2));
        while (stored < target && clock.Elapsed < limit)
        {
            await Task.Delay(500);
            stored = await cloud.CountAsync(BacklogPrefix);
        }

        TimeSpan drainTime = clock.Elapsed;
        string drainShare = drainCpu.Stop();
        drained.Cancel();
        double duringRate = await liveDuring;
        during.ForEach(c => c.Dispose());
        if (stored < target)
        {
            Console.Error.WriteLine($"backlog-drain: only {stored} of {target} backlog readings reached the cloud in {limit.TotalMinutes:0} min");
            return null;
        }

        Console.WriteLine($"  drained {target} readings to PostgreSQL in {drainTime.TotalSeconds:0.0} s ({target / drainTime.TotalSeconds:0} readings/s, from the gateway process start)");
        Console.WriteLine($"  ingest from {liveUnits} units during the drain: {duringRate:0} readings/s ({duringRate / idleRate:0.00}x idle)");
        // On the reference machine the cloud and PostgreSQL share the gateway's two cores; in production they are elsewhere.
        Console.WriteLine($"  during the drain: {drainShare}");
        return
        [
            new Figure($"backlog drain: {target} unforwarded readings to the cloud on PostgreSQL", drainTime.TotalSeconds, "s", Goal: "1,000,000 readings in <= 120 s")
            {
                Note = $"{target / drainTime.TotalSeconds:0} readings/s; the cloud's production rate limit applies",
            },
            new Figure($"ingest from {liveUnits} units during the drain", duringRate, "readings/s", "the same load before the drain", idleRate, ">= 0.8x the idle rate")
            {
                Note = drainShare,
            },
        ];
    }

    /// <summary>CPU seconds each party used over a window: gateway, cloud, PostgreSQL (when there is a cloud) and this load generator.</summary>
    private sealed class CpuShare
    {
        private readonly int _gateway;
        private readonly CloudService? _cloud;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly TimeSpan _gatewayAt, _cloudAt, _postgresAt, _loadAt;

        private CpuShare(int gateway, CloudService? cloud)
        {
            _gateway = gateway;
            _cloud = cloud;
            _gatewayAt = BenchmarkRunner.TreeCpuTime(gateway);
            (_cloudAt, _postgresAt) = cloud?.CpuTime() ?? default;
            _loadAt = Process.GetCurrentProcess().TotalProcessorTime;
        }

        public static CpuShare Start(int gateway, CloudService? cloud) => new(gateway, cloud);

        public string Stop()
        {
            double wall = _clock.Elapsed.TotalSeconds;
            TimeSpan gateway = BenchmarkRunner.TreeCpuTime(_gateway) - _gatewayAt;
            TimeSpan load = Process.GetCurrentProcess().TotalProcessorTime - _loadAt;
            string cloud = string.Empty;
            if (_cloud != null)
            {
                (TimeSpan c, TimeSpan p) = _cloud.CpuTime();
                cloud = $", cloud {(c - _cloudAt).TotalSeconds:0.0} s, PostgreSQL {(p - _postgresAt).TotalSeconds:0.0} s";
            }

            return $"CPU over {wall:0.0} s ({Environment.ProcessorCount} cores): gateway {gateway.TotalSeconds:0.0} s{cloud}, load generator {load.TotalSeconds:0.0} s";
        }
    }

    private static async Task SeedAsync(int port, string unit, string secret, int readings)
    {
        using IMqttClient client = await BenchmarkRunner.ConnectAsync(port, unit, secret);
        for (int first = 1; first <= readings; first += UplinkFrame.MaxReadings)
        {
            await client.PublishAsync(BenchmarkRunner.Message(unit, first, Math.Min(UplinkFrame.MaxReadings, readings - first + 1)));
        }
    }

    private static async Task<List<IMqttClient>> ConnectAllAsync(int port, List<(string Unit, string Secret)> units)
    {
        var clients = new List<IMqttClient>();
        foreach (var chunk in units.Chunk(50))
        {
            clients.AddRange(await Task.WhenAll(chunk.Select(u => BenchmarkRunner.ConnectAsync(port, u.Unit, u.Secret))));
        }

        return clients;
    }

    /// <summary>Each unit publishes one-reading frames back to back until <paramref name="stop"/>; returns readings/s.</summary>
    private static async Task<double> LiveLoadAsync(List<IMqttClient> clients, List<(string Unit, string Secret)> units, long[] sequences, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        long before = sequences.Sum();
        await Task.WhenAll(clients.Select((c, i) => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                // Not cancelled mid-publish: a reading the gateway committed is counted once its PUBACK arrives.
                await c.PublishAsync(BenchmarkRunner.Message(units[i].Unit, 1 + sequences[i]));
                sequences[i]++;
            }
        })));
        return (sequences.Sum() - before) / clock.Elapsed.TotalSeconds;
    }
}
