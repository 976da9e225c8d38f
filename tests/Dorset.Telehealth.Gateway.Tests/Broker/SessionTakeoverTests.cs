using System;
using System.Globalization;
using System.Text;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Diagnostics;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;

namespace Dorset.Telehealth.Gateway.Tests.Broker;

/// <summary>
/// One session per unit (gateway/README.md "Broker"): a new login of a unit, whichever of its client ids it uses,
/// replaces the unit's session, and the unit's online state is that of its one session.
/// </summary>
public sealed class SessionTakeoverTests
{
    [Fact]
    public async Task MosquittoPub_WithASuffixedClientId_WhileTheUnitsSessionIsUp_LeavesOnlineStateMatchingItsSessions()
    {
        string sub = IntegrationTool.Require("the session test uses a third-party MQTT client", "mosquitto_sub");
        string pub = IntegrationTool.Require("the session test uses a third-party MQTT client", "mosquitto_pub");
        await using var host = new GatewayHost();
        string secret = host.Units.Add("unit-a", null);
        var metrics = host.Services.GetRequiredService<GatewayMetrics>();
        string port = host.MqttPort.ToString(CultureInfo.InvariantCulture);
        using var session = ChildProcess.Start(sub, ["-h", "127.0.0.1", "-p", port, "-V", "mqttv311", "-u", "unit-a", "-P", secret, "-i", "unit-a",
            "-t", MqttTopics.Config("unit-a"), "-W", "30"]);
        await Eventually.TrueAsync(() => host.Units.Find("unit-a")!.Online && metrics.ConnectedUnits == 1, because: "mosquitto_sub's session");

        using var second = ChildProcess.Start(pub, ["-h", "127.0.0.1", "-p", port, "-V", "mqttv311", "-u", "unit-a", "-P", secret, "-i", "unit-a-t",
            "-t", MqttTopics.Status("unit-a"), "-m", "online", "-q", "1"]);
        Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(20)));

        // Issue 13: the unit read offline while its session was up (connected_units 1). Whichever session is up now
        // (mosquitto_sub reconnects after being replaced), the unit reads online exactly when it has one.
        await Eventually.TrueAsync(() => metrics.ConnectedUnits <= 1 && host.Units.Find("unit-a")!.Online == (metrics.ConnectedUnits == 1),
            because: $"online {host.Units.Find("unit-a")!.Online} with {metrics.ConnectedUnits} session(s)");
    }

    [Fact]
    public async Task SecondSession_OfAUnit_ReplacesTheFirst_AndTheFirstsLastWillDoesNotMarkTheUnitOffline()
    {
        await using var host = new GatewayHost();
        string secret = host.Units.Add("unit-a", null);
        var metrics = host.Services.GetRequiredService<GatewayMetrics>();
        var (first, _) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", secret, configure: b => b
            .WithWillTopic(MqttTopics.Status("unit-a")).WithWillPayload("offline").WithWillRetain().WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
        await using var _ = first;

        var (second, code) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", secret, clientId: "unit-a-t");
        await using var __ = second;

        Assert.Equal(MqttClientConnectResultCode.Success, code);
        await first.WaitForDisconnectAsync(TimeSpan.FromSeconds(10));
        await second.PublishAsync(MqttTopics.Status("unit-a"), Encoding.UTF8.GetBytes("""{"state":"online","battery":80}"""), retain: true);
        Assert.True(second.IsConnected);
        Assert.True(host.Units.Find("unit-a")!.Online);
        Assert.Equal(1, metrics.ConnectedUnits);

        await second.Client.DisconnectAsync();
        await Eventually.TrueAsync(() => !host.Units.Find("unit-a")!.Online && metrics.ConnectedUnits == 0);
    }

    [Fact]
    public async Task Reconnect_WithTheSameClientId_RightAfterACleanDisconnect_KeepsTheNewSession()
    {
        await using var host = new GatewayHost();
        string secret = host.Units.Add("unit-a", null);
        for (int i = 0; i < 25; i++)
        {
            var (client, code) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", secret);
            Assert.Equal(MqttClientConnectResultCode.Success, code);
            var result = await client.PublishAsync(MqttTopics.Status("unit-a"), Encoding.UTF8.GetBytes("""{"state":"online"}"""), retain: true);
            Assert.True(result.IsSuccess, $"round {i}: {result.ReasonCode}");
            Assert.True(client.IsConnected, $"round {i}: the new session was dropped");
            await client.Client.DisconnectAsync();
            client.Client.Dispose();
        }

        await Eventually.TrueAsync(() => !host.Units.Find("unit-a")!.Online && host.Services.GetRequiredService<GatewayMetrics>().ConnectedUnits == 0);
    }
}
