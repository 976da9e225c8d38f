using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.Benchmarks.Results;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.TestSupport;
using MQTTnet;

namespace Dorset.Telehealth.Benchmarks.Gateway;

/// <summary>`rss [--units 2000]`: the gateway's resident memory with that many units connected under production credentials.</summary>
public static class RssBenchmark
{
    public static async Task<Figure> RunAsync(int units)
    {
        using var dir = new TempDirectory("dgw-bench-");
        var registry = new UnitRegistry(new GatewayDatabase(Path.Combine(dir.Path, "gateway.db")));
        var credentials = Enumerable.Range(0, units).Select(i => ($"bench-{i}", registry.Add($"bench-{i}", null))).ToList();
        int port = FreePort.Next();
        using var gateway = BenchmarkRunner.StartGateway(dir.Path, port, FreePort.Next());
        await BenchmarkRunner.WaitPortAsync(port);
        long idle = BenchmarkRunner.Rss(gateway.Id);
        var clients = new List<IMqttClient>();
        foreach (var chunk in credentials.Chunk(100))
        {
            clients.AddRange(await Task.WhenAll(chunk.Select(c => BenchmarkRunner.ConnectAsync(port, c.Item1, c.Item2))));
        }

        // One frame each so every session has been through ingest once.
        await Task.WhenAll(clients.Select((c, i) => c.PublishAsync(BenchmarkRunner.Message(credentials[i].Item1, 1))));
        await Task.Delay(3000);
        long loaded = BenchmarkRunner.Rss(gateway.Id);
        int connected = clients.Count(c => c.IsConnected);
        Console.WriteLine($"gateway RSS: idle {idle / 1024 / 1024} MB, with {connected} units connected {loaded / 1024 / 1024} MB");
        foreach (var c in clients)
        {
            c.Dispose();
        }

        return new Figure($"gateway RSS, {connected} units connected", loaded / 1048576.0, "MB", "the same gateway idle", idle / 1048576.0, "RSS <= 100 MB with 2,000 units");
    }
}
