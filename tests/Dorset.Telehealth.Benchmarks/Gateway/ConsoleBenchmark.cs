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
using Dorset.Telehealth.Benchmarks.Results;
using Dorset.Telehealth.Gateway.Accounts;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.TestSupport;
using MQTTnet;

namespace Dorset.Telehealth.Benchmarks.Gateway;

/// <summary>
/// The console under a full hub (issue 11 "Benchmarks"): a gateway process with <c>units</c> connected units and
/// <c>tabs</c> console tabs, each logged in, holding its overview page and its event stream open, as a browser tab
/// does. One unit at a time publishes a reading; the latency is from the PUBACK reaching the unit to that reading's
/// event reaching the first tab's stream (what the page's EventSource then redraws from). Then the gateway's RSS.
/// </summary>
public static class ConsoleBenchmark
{
    public static async Task<IReadOnlyList<Figure>> RunAsync(int units, int tabs, int samples)
    {
        using var dir = new TempDirectory("dgw-bench-");
        var database = new GatewayDatabase(Path.Combine(dir.Path, "gateway.db"));
        var registry = new UnitRegistry(database);
        var credentials = Enumerable.Range(0, units).Select(i => ($"bench-{i}", registry.Add($"bench-{i}", $"case-{i}"))).ToList();
        string password = HubUserStore.NewPassword();
        new HubUserStore(database).Add("bench.nurse", HubRoles.Staff, password, "benchmark", DateTimeOffset.UtcNow);
        int port = FreePort.Next(), httpPort = FreePort.Next();
        using var gateway = BenchmarkRunner.StartGateway(dir.Path, port, httpPort);
        await BenchmarkRunner.WaitPortAsync(port);
        long idle = BenchmarkRunner.Rss(gateway.Id);
        var clients = new List<IMqttClient>();
        foreach (var chunk in credentials.Chunk(100))
        {
            clients.AddRange(await Task.WhenAll(chunk.Select(c => BenchmarkRunner.ConnectAsync(port, c.Item1, c.Item2))));
        }

        using var stop = new CancellationTokenSource();
        var events = Channel.CreateUnbounded<(string Line, long At)>();
        var tabClients = new List<HttpClient>();
        var streamsOpen = new List<Task>();
        for (int t = 0; t < tabs; t++)
        {
            var tab = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = Timeout.InfiniteTimeSpan };
            (await tab.PostAsJsonAsync("/api/session", new { name = "bench.nurse", password })).EnsureSuccessStatusCode();
            (await tab.GetAsync("/")).EnsureSuccessStatusCode();
            tabClients.Add(tab);
            var open = new TaskCompletionSource();
            streamsOpen.Add(open.Task);
            _ = ReadEventsAsync(tab, t == 0 ? events.Writer : null, open, stop.Token);
        }

        // Every tab's stream has said it is subscribed before the first reading.
        await Task.WhenAll(streamsOpen);
        var latencies = new List<double>();
        var random = new Random(11);
        for (int i = 0; i < samples; i++)
        {
            int u = random.Next(clients.Count);
            string unit = credentials[u].Item1;
            while (events.Reader.TryRead(out _))
            {
            }

            await clients[u].PublishAsync(BenchmarkRunner.Message(unit, 10 + i));
            long puback = Stopwatch.GetTimestamp();
            // Each tab redraws its page on an event: a real tab fetches its page again, so the gateway renders too.
            while (true)
            {
                var (line, at) = await events.Reader.ReadAsync();
                if (line.StartsWith("data: readings " + unit + " ", StringComparison.Ordinal))
                {
                    latencies.Add(Stopwatch.GetElapsedTime(puback, at).TotalMilliseconds);
                    break;
                }
            }

            await Task.WhenAll(tabClients.Select(t => t.GetStringAsync("/")));
        }

        long loaded = BenchmarkRunner.Rss(gateway.Id);
        latencies.Sort();
        Console.WriteLine($"console: {units} units connected, {tabs} tabs, {samples} readings");
        Console.WriteLine($"  PUBACK -> event on the open tab: p50 {Percentile(latencies, 0.50):0.0} ms, p99 {Percentile(latencies, 0.99):0.0} ms, max {latencies[^1]:0.0} ms (negative: the event came before the PUBACK)");
        Console.WriteLine($"  gateway RSS: idle {idle / 1024 / 1024} MB, with the units and tabs {loaded / 1024 / 1024} MB");
        stop.Cancel();
        foreach (var tab in tabClients)
        {
            tab.Dispose();
        }

        foreach (var c in clients)
        {
            c.Dispose();
        }

        return
        [
            new Figure($"console: PUBACK -> event on an open tab, p50 ({units} units, {tabs} tabs)", Percentile(latencies, 0.50), "ms"),
            new Figure($"console: PUBACK -> event on an open tab, p99 ({units} units, {tabs} tabs)", Percentile(latencies, 0.99), "ms", Goal: "console p99 <= 250 ms (from the BLE notification: see latency)"),
            new Figure($"gateway RSS with {units} units and {tabs} console tabs", loaded / 1048576.0, "MB", "the same gateway idle", idle / 1048576.0, "RSS <= 100 MB with 2,000 units"),
        ];
    }

    internal static async Task ReadEventsAsync(HttpClient tab, ChannelWriter<(string Line, long At)>? writer, TaskCompletionSource open, CancellationToken stop)
    {
        try
        {
            using var response = await tab.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead, stop);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
            while (await reader.ReadLineAsync(stop) is { } line)
            {
                open.TrySetResult();
                writer?.TryWrite((line, Stopwatch.GetTimestamp()));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    internal static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
