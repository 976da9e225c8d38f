using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.TestSupport;
using MQTTnet;

namespace Dorset.Telehealth.Gateway.Tests.Ingest;

/// <summary>
/// The gateway as a separate process, SIGKILLed mid-ingest and restarted while several units keep publishing: every
/// publish any unit saw acknowledged must be in the database afterwards. The units send real uplink frames and keep an
/// acknowledgement log; after the restart it is compared with the gateway's own `readings export`.
/// </summary>
public sealed class CrashSafetyTests
{
    private const int Units = 4;
    private const int FramesPerUnit = 150;

    [Fact]
    public async Task Sigkill_MidIngest_EveryAcknowledgedPublishIsStoredOnRestart()
    {
        using var dir = new TempDirectory();
        var database = new GatewayDatabase(System.IO.Path.Combine(dir.Path, "gateway.db"));
        var registry = new UnitRegistry(database);
        var secrets = Enumerable.Range(0, Units).ToDictionary(i => $"crash-{i}", i => registry.Add($"crash-{i}", null));
        int mqttPort = FreePort.Next();
        int httpPort = FreePort.Next();
        var acknowledged = new ConcurrentDictionary<string, byte>();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var gateway = await GatewayProcess.StartServiceAsync(dir.Path, mqttPort, httpPort);
        int atKill;
        try
        {
            var units = secrets.Select(pair => Task.Run(() => RunUnitAsync(pair.Key, pair.Value, mqttPort, acknowledged, stop.Token))).ToList();

            await Eventually.TrueAsync(() => acknowledged.Count >= Units * FramesPerUnit / 3, TimeSpan.FromSeconds(60), "a third acknowledged");
            gateway.Kill();
            atKill = acknowledged.Count;
            gateway.Dispose();
            await Task.Delay(500);
            gateway = await GatewayProcess.StartServiceAsync(dir.Path, mqttPort, httpPort);

            await Task.WhenAll(units);
        }
        finally
        {
            gateway.Dispose();
        }

        Assert.True(atKill < Units * FramesPerUnit, "the kill came after everything was in; it proved nothing");
        var (code, export, _) = await GatewayProcess.RunAsync("readings", "export", "--data-dir", dir.Path, "--format", "jsonl");
        Assert.Equal(0, code);
        var stored = new HashSet<string>();
        foreach (string line in export.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var row = System.Text.Json.JsonDocument.Parse(line);
            stored.Add($"{row.RootElement.GetProperty("unit").GetString()}#{row.RootElement.GetProperty("outboxSequence").GetInt64()}");
        }

        Assert.Equal(stored.Count, export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var lost = acknowledged.Keys.Where(k => !stored.Contains(k)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged publishes lost, e.g. {string.Join(", ", lost.Take(5))}");
        Assert.Equal(Units * FramesPerUnit, acknowledged.Count);
    }

    // A unit with an outbox: each payload is re-sent until a PUBACK arrives, across the broker's crash.
    private static async Task RunUnitAsync(string unitId, string secret, int port, ConcurrentDictionary<string, byte> acknowledged, CancellationToken cancel)
    {
        var factory = new MqttClientFactory();
        IMqttClient? client = null;
        for (int frame = 0; frame < FramesPerUnit; frame++)
        {
            string payload = $"{unitId}#{frame + 1}";
            byte[] bytes = UplinkFrames.Glucose(frame + 1, frame + 1);
            while (true)
            {
                cancel.ThrowIfCancellationRequested();
                try
                {
                    if (client == null || !client.IsConnected)
                    {
                        client?.Dispose();
                        client = factory.CreateMqttClient();
                        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(unitId)
                            .WithCredentials(unitId, secret).WithTimeout(TimeSpan.FromSeconds(5)).Build(), cancel);
                    }

                    var result = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(MqttTopics.Readings(unitId))
                        .WithPayload(bytes).WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancel);
                    if (result.IsSuccess)
                    {
                        acknowledged[payload] = 0;
                        break;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancel.IsCancellationRequested)
                {
                    // Broker killed, or refusing connections while it restarts: keep the payload and retry.
                    await Task.Delay(100, cancel);
                }
            }
        }

        if (client != null)
        {
            try
            {
                await client.DisconnectAsync();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Already gone.
            }

            client.Dispose();
        }
    }
}
