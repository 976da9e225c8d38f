using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Benchmarks.Results;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.TestSupport;
using MQTTnet;
using MQTTnet.Protocol;

namespace Dorset.Telehealth.Benchmarks.Gateway;

/// <summary>
/// `soak [--units 2000] [--minutes 30] [--interval 60] [--sample 30]` (issue 14 "Soak"): a gateway process with that
/// many connected units, each publishing one reading frame every <c>interval</c> seconds (staggered) and a retained
/// status every five minutes, for <c>minutes</c>. Every <c>sample</c> seconds it records the gateway's resident memory,
/// open file descriptors, threads and managed heap; at the end it prints the first and last samples and each one's
/// least-squares slope per hour. A leak shows as a slope that does not flatten; the goal is flat.
/// </summary>
public static class SoakBenchmark
{
    private static readonly TimeSpan s_statusInterval = TimeSpan.FromMinutes(5);

    public static async Task<IReadOnlyList<Figure>> RunAsync(int units, TimeSpan duration, TimeSpan interval, TimeSpan sampleEvery)
    {
        using var dir = new TempDirectory("dgw-bench-");
        var registry = new UnitRegistry(new GatewayDatabase(Path.Combine(dir.Path, "gateway.db")));
        var credentials = Enumerable.Range(0, units).Select(i => ($"soak-{i}", registry.Add($"soak-{i}", $"case-{i}"))).ToList();
        int port = FreePort.Next(), httpPort = FreePort.Next();
        using var gateway = BenchmarkRunner.StartGateway(dir.Path, port, httpPort);
        await BenchmarkRunner.WaitPortAsync(port);
        await BenchmarkRunner.WaitPortAsync(httpPort);
        var clients = new List<IMqttClient>();
        foreach (var chunk in credentials.Chunk(100))
        {
            clients.AddRange(await Task.WhenAll(chunk.Select(c => BenchmarkRunner.ConnectAsync(port, c.Item1, c.Item2))));
        }

        Console.WriteLine($"soak: {units} units connected; one frame per unit every {interval.TotalSeconds:0} s, a status every {s_statusInterval.TotalMinutes:0} min, for {duration.TotalMinutes:0} min");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
        using var stop = new CancellationTokenSource(duration);
        var publishers = clients.Select((c, i) => PublishForeverAsync(c, credentials[i].Item1, interval * i / units, interval, stop.Token)).ToList();
        var samples = new List<Sample>();
        var clock = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            samples.Add(await SampleAsync(gateway.Id, http, clock.Elapsed));
            Sample last = samples[^1];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {last.At.TotalMinutes,6:0.0} min  RSS {last.Rss / 1048576.0,7:0.0} MB  fds {last.Handles,5}  threads {last.Threads,4}  managed heap {last.ManagedHeap / 1048576.0,7:0.0} MB  readings {last.Readings,9}"));
            try
            {
                await Task.Delay(sampleEvery, stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        long[] published = await Task.WhenAll(publishers);
        samples.Add(await SampleAsync(gateway.Id, http, clock.Elapsed));
        IReadOnlyList<Figure> figures = Report(samples, published.Sum(), clients.Count(c => c.IsConnected), duration);
        foreach (var c in clients)
        {
            c.Dispose();
        }

        return figures;
    }

    internal static async Task<long> PublishForeverAsync(IMqttClient client, string unit, TimeSpan offset, TimeSpan interval, CancellationToken stop)
    {
        long sequence = 1, frames = 0;
        DateTime lastStatus = DateTime.MinValue;
        try
        {
            await Task.Delay(offset, stop);
            using var timer = new PeriodicTimer(interval);
            do
            {
                await client.PublishAsync(BenchmarkRunner.Message(unit, sequence), stop);
                sequence++;
                frames++;
                if (DateTime.UtcNow - lastStatus >= s_statusInterval)
                {
                    lastStatus = DateTime.UtcNow;
                    await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(MqttTopics.Status(unit)).WithRetainFlag()
                        .WithPayload($"{{\"state\":\"online\",\"battery\":{80 + (frames % 20)},\"rssi\":-60,\"outboxDepth\":0}}")
                        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), stop);
                }
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException)
        {
        }
        catch (MQTTnet.Exceptions.MqttCommunicationTimedOutException) when (stop.IsCancellationRequested)
        {
            // MQTTnet reports a publish cancelled by the end of the run as a timeout; a real timeout before it still fails.
        }

        return frames;
    }

    private static async Task<Sample> SampleAsync(int pid, HttpClient http, TimeSpan at)
    {
        string metrics = await http.GetStringAsync("/metrics");
        return new Sample(at, BenchmarkRunner.Rss(pid), Directory.GetFiles($"/proc/{pid}/fd").Length, Directory.GetDirectories($"/proc/{pid}/task").Length,
            (long)BenchmarkRunner.Metric(metrics, "dotnet_total_memory_bytes"), (long)BenchmarkRunner.Metric(metrics, "dorset_gateway_readings_ingested_total"));
    }

    private static IReadOnlyList<Figure> Report(List<Sample> samples, long published, int stillConnected, TimeSpan duration)
    {
        Sample last = samples[^1];
        Console.WriteLine($"soak done: {published} frames published, {last.Readings} readings committed, {stillConnected} units still connected, {samples.Count} samples");
        Console.WriteLine($"  {"measure",-14} {"start",12} {"end",12} {"slope per hour",16} (after the warm-up)");
        string over = $"soak, {stillConnected} units, {duration.TotalMinutes:0} min";
        var figures = new List<Figure>
        {
            Line("RSS MB", samples, s => s.Rss / 1048576.0).As($"{over}: RSS at the end", "MB", "at the start"),
            Line("open fds", samples, s => s.Handles).As($"{over}: open file descriptors at the end", "fds", "at the start"),
            Line("threads", samples, s => s.Threads).As($"{over}: threads at the end", "threads", "at the start"),
        };
        if (samples.All(s => s.ManagedHeap == 0))
        {
            // A zero heap is no measurement: the gateway's hand-written /metrics has no runtime gauges.
            Console.WriteLine("  managed heap: not measured, the gateway's /metrics exports no dotnet_total_memory_bytes");
        }
        else
        {
            figures.Add(Line("managed MB", samples, s => s.ManagedHeap / 1048576.0).As($"{over}: managed heap at the end", "MB", "at the start"));
        }

        return figures;
    }

    private static Trend Line(string name, List<Sample> all, Func<Sample, double> value)
    {
        // Least squares, so one GC or one burst of connections does not decide the verdict; over the samples after the
        // warm-up (the first quarter, at most five minutes: JIT, SQLite's page cache, the thread pool growing).
        TimeSpan warmUp = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(5).Ticks, all[^1].At.Ticks / 4));
        List<Sample> samples = all.Where(s => s.At >= warmUp).ToList();
        double n = samples.Count, meanX = samples.Average(s => s.At.TotalHours), meanY = samples.Average(value);
        double covariance = samples.Sum(s => (s.At.TotalHours - meanX) * (value(s) - meanY));
        double variance = samples.Sum(s => Math.Pow(s.At.TotalHours - meanX, 2));
        double slope = n > 1 && variance > 0 ? covariance / variance : 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-14} {value(all[0]),12:0.0} {value(all[^1]),12:0.0} {slope,16:+0.00;-0.00}"));
        return new Trend(value(all[0]), value(all[^1]), slope);
    }

    private sealed record Trend(double Start, double End, double SlopePerHour)
    {
        public Figure As(string measure, string unit, string baseline) => new(measure, End, unit, baseline, Start, "flat (no leak)")
        {
            Note = string.Create(CultureInfo.InvariantCulture, $"least-squares slope after the warm-up {SlopePerHour:+0.00;-0.00} {unit}/hour"),
        };
    }

    private sealed record Sample(TimeSpan At, long Rss, int Handles, int Threads, long ManagedHeap, long Readings);
}
