using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Dorset.Telehealth.Benchmarks.Results;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.HomeUnit.Uplink;
using Dorset.Telehealth.TestSupport;
using MQTTnet;

namespace Dorset.Telehealth.Benchmarks.Gateway;

/// <summary>
/// `recovery [--units 2000] [--frames 4] [--readings-per-frame 8]` (issue 15 goal 3): the gateway restarts after a power
/// cut (SIGKILL, then a new process on the same data directory) while every unit holds readings in its outbox. Each
/// unit, with its production credential (a 32-byte secret checked against its SHA-256) over TLS trusting only the hub
/// CA, retries with the firmware's <see cref="ReconnectBackoff"/> (1 s doubling, half-to-full jitter) from the moment
/// the gateway process starts, then publishes its outbox frame by frame awaiting each PUBACK. The figure is the time
/// from the process start until every unit is connected and every outbox drained.
/// </summary>
public static class RecoveryBenchmark
{
    public static async Task<IReadOnlyList<Figure>> RunAsync(int units, int framesPerUnit, int readingsPerFrame)
    {
        using var dir = new TempDirectory("dgw-bench-");
        var database = new GatewayDatabase(Path.Combine(dir.Path, "gateway.db"));
        var registry = new UnitRegistry(database);
        var credentials = Enumerable.Range(0, units).Select(i => (Unit: $"unit-{i:D5}", Secret: registry.Add($"unit-{i:D5}", $"case-{i}"))).ToList();
        int plainPort = FreePort.Next(), tlsPort = FreePort.Next(), httpPort = FreePort.Next();
        string[] tls = ["--mqtts-port", tlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--BrokerOptions:TlsBindAddress=127.0.0.1"];
        // The first run creates the hub's TLS identity and is then cut off, as power is.
        using (BenchmarkRunner.StartGateway(dir.Path, plainPort, httpPort, tls))
        {
            await BenchmarkRunner.WaitPortAsync(tlsPort);
        }

        X509Certificate2 hubCa = X509Certificate2.CreateFromPem(File.ReadAllText(HubCertificate.CaPath(dir.Path)));
        var clock = Stopwatch.StartNew();
        using var gateway = BenchmarkRunner.StartGateway(dir.Path, plainPort, httpPort, tls);
        Task<TimeSpan> listening = ListeningAsync(tlsPort, clock);
        var results = await Task.WhenAll(credentials.Select((c, i) => Task.Run(() => RecoverAsync(tlsPort, c.Unit, c.Secret, hubCa, i, framesPerUnit, readingsPerFrame, clock))));
        TimeSpan all = clock.Elapsed;
        long stored = new ReadingStore(database).Count();
        TimeSpan connected = results.Max(r => r.Connected);
        List<double> drained = results.Select(r => r.Drained.TotalSeconds).Order().ToList();
        int attempts = results.Sum(r => r.Attempts);
        Console.WriteLine($"recovery: {units} units over TLS, {framesPerUnit} frames of {readingsPerFrame} readings each in their outboxes; {stored} readings stored of {units * framesPerUnit * readingsPerFrame}");
        Console.WriteLine($"  gateway TLS listener up after {(await listening).TotalSeconds:0.00} s; every unit connected after {connected.TotalSeconds:0.00} s ({attempts} connection attempts)");
        Console.WriteLine($"  outboxes drained: p50 {drained[drained.Count / 2]:0.00} s, last {all.TotalSeconds:0.00} s after the gateway process started");
        foreach (var c in results)
        {
            c.Client.Dispose();
        }

        return
        [
            new Figure($"recovery after a gateway restart: {units} units over TLS reconnected and drained ({framesPerUnit * readingsPerFrame} readings each)", all.TotalSeconds, "s",
                "gateway process start to TLS listener", (await listening).TotalSeconds, "<= 10 s with 2,000 units"),
        ];
    }

    private static async Task<Recovered> RecoverAsync(int port, string unit, string secret, X509Certificate2 hubCa, int seed, int frames, int readingsPerFrame, Stopwatch clock)
    {
        var backoff = new ReconnectBackoff(1000, 300_000, seed);
        int attempts = 0;
        IMqttClient client;
        while (true)
        {
            attempts++;
            try
            {
                client = await BenchmarkRunner.ConnectAsync(port, unit, secret, hubCa);
                break;
            }
            catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or OperationCanceledException)
            {
                await Task.Delay(backoff.NextDelayMilliseconds());
            }
        }

        TimeSpan connected = clock.Elapsed;
        for (int f = 0; f < frames; f++)
        {
            var result = await client.PublishAsync(BenchmarkRunner.Message(unit, 1 + (f * readingsPerFrame), readingsPerFrame));
            if (!result.IsSuccess)
            {
                throw new InvalidOperationException($"{unit}: publish refused: {result.ReasonCode}");
            }
        }

        return new Recovered(client, connected, clock.Elapsed, attempts);
    }

    private static async Task<TimeSpan> ListeningAsync(int port, Stopwatch clock)
    {
        await BenchmarkRunner.WaitPortAsync(port);
        return clock.Elapsed;
    }

    private sealed record Recovered(IMqttClient Client, TimeSpan Connected, TimeSpan Drained, int Attempts);
}
