using System;
using System.Threading.Tasks;
using MQTTnet;
using MQTTnet.Server;

namespace Dorset.Telehealth.Benchmarks.Gateway;

/// <summary>
/// `mqttnet-floor --port N` (started by `ingest` as its own process): the MQTTnet 5 server the gateway embeds, with
/// the gateway's server options and nothing else: no credentials, no packet guard, no decode, no storage, each publish
/// consumed as the gateway consumes readings. Its CPU per message under the same load is MQTTnet's own floor, the part
/// of the gateway's cost no change to the gateway's code can remove (issue 15 goal 1: "if MQTTnet's own cost is the
/// floor, show it").
/// </summary>
public static class MqttnetFloorServer
{
    public static async Task<int> RunAsync(int port)
    {
        var factory = new MqttServerFactory();
        // As BrokerService builds them: no persistent sessions, the same per-client queue bound and packet writer sizes.
        var options = factory.CreateServerOptionsBuilder().WithPersistentSessions(false).WithMaxPendingMessagesPerClient(1000)
            .WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(System.Net.IPAddress.Loopback).WithDefaultEndpointPort(port).Build();
        options.WriterBufferSize = 256;
        options.WriterBufferSizeMax = 4096;
        using var server = factory.CreateMqttServer(options);
        server.InterceptingPublishAsync += e =>
        {
            e.ProcessPublish = false;
            return Task.CompletedTask;
        };
        await server.StartAsync();
        Console.WriteLine($"mqttnet-floor: listening on 127.0.0.1:{port}");
        // Not a CancellationTokenSource: ProcessExit also fires after a Ctrl-C has ended the wait, when one would be disposed.
        var stopped = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopped.TrySetResult(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stopped.TrySetResult();
        await stopped.Task;
        await server.StopAsync();
        return 0;
    }
}
