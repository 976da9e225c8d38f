using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Gateway.Tests.Broker;

/// <summary>
/// A unit (valid login) that sends huge or retained publishes, against a real gateway process whose memory is read
/// from /proc: issue 13 saw a 200 MB retained publish under the unit's own prefix take the gateway from 195 to 859 MB.
/// </summary>
public sealed class OversizedPublishTests
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task Flood_OfOversizedAndRetainedPublishes_LeavesMemoryBounded_AndTheGatewayServingUnits()
    {
        using var dir = new TempDirectory();
        string secret = new UnitRegistry(new GatewayDatabase(Path.Combine(dir.Path, "gateway.db"))).Add("unit-0003", null);
        int mqttPort = FreePort.Next();
        int httpPort = FreePort.Next();
        using var gateway = await GatewayProcess.StartServiceAsync(dir.Path, mqttPort, httpPort);
        await PublishReadingAsync(mqttPort, secret, 1);
        long before = Rss(gateway.Id);

        foreach (string leaf in new[] { "junk1", "junk2", "junk3", "junk4", "status", "readings" })
        {
            await FloodAsync(mqttPort, secret, "dorset/v1/unit-0003/" + leaf, 64 * MiB, retain: true);
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        string metrics = await http.GetStringAsync($"http://127.0.0.1:{httpPort}/metrics");
        long after = Rss(gateway.Id);
        Assert.True(after - before < 64 * MiB, $"gateway RSS grew from {before / MiB} MB to {after / MiB} MB over 6 publishes of 64 MB");
        Assert.True((await http.GetAsync($"http://127.0.0.1:{httpPort}/health")).IsSuccessStatusCode);
        await PublishReadingAsync(mqttPort, secret, 2);
        Assert.True(PrometheusText.Value(metrics, "dorset_gateway_packets_refused_total") >= 6, metrics);
        Assert.Contains("refused", gateway.StandardOutput + gateway.StandardError, StringComparison.Ordinal);
    }

    /// <summary>Logs in, announces a publish of <paramref name="size"/> bytes and streams it until done or until the gateway closes.</summary>
    private static async Task FloodAsync(int port, string secret, string topic, int size, bool retain)
    {
        using Socket socket = await RawMqtt.LoginAsync(port, "unit-0003", secret);
        var chunk = new byte[MiB];
        try
        {
            await socket.SendAsync(RawMqtt.PublishHeader(topic, size, retain));
            for (int sent = 0; sent < size; sent += chunk.Length)
            {
                await socket.SendAsync(chunk);
            }

            // Whatever the gateway answers (PUBACK or a close), it has read the whole packet by then.
            await RawMqtt.ClosedByPeerAsync(socket, TimeSpan.FromSeconds(2));
        }
        catch (SocketException)
        {
            // Closed by the gateway before the payload was all sent: the refusal this test wants.
        }
    }

    private static async Task PublishReadingAsync(int port, string secret, long sequence)
    {
        var (client, code) = await UnitClient.ConnectAsync(port, "unit-0003", secret);
        await using var _ = client;
        Assert.Equal(MQTTnet.MqttClientConnectResultCode.Success, code);
        var result = await client.PublishAsync(MqttTopics.Readings("unit-0003"), UplinkFrames.Glucose(sequence, sequence));
        Assert.True(result.IsSuccess, result.ReasonCode.ToString());
    }

    private static long Rss(int pid)
    {
        foreach (string line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException("no VmRSS for " + pid);
    }
}
