using System;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Diagnostics;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;

namespace Dorset.Telehealth.Gateway.Tests.Broker;

/// <summary>What a unit may publish: its readings (not retained) and its status, each within its size (firmware/PROTOCOL.md).</summary>
public sealed class UnitTopicLimitTests
{
    [Theory]
    [InlineData("dorset/v1/unit-a/junk9", false)]
    [InlineData("dorset/v1/unit-a/status/extra", true)]
    [InlineData("dorset/v1/unit-a/readings", true)]
    public async Task Publish_ToAnythingButReadingsAndStatus_OrRetainedReadings_IsRefusedAndCounted(string topic, bool retain)
    {
        await using var host = new GatewayHost();
        string secret = host.Units.Add("unit-a", null);
        var (client, _) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", secret);
        await using var __ = client;

        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            var result = await client.PublishAsync(topic, UplinkFrames.Glucose(1, 1), retain);
            await client.WaitForDisconnectAsync(TimeSpan.FromSeconds(10));
            throw new InvalidOperationException("closed after " + result.ReasonCode);
        });

        Assert.Equal(0, host.Readings.Count());
        Assert.Equal(1, host.Services.GetRequiredService<GatewayMetrics>().AclViolations);
    }

    [Fact]
    public async Task Publish_TheLargestFrameTheUnitCanWrite_IsAcknowledged()
    {
        byte[] frame = UplinkFrames.LargestFrame();
        // 3,448 bytes when written: the limit leaves room for a later frame version four times as wide.
        Assert.True(frame.Length * 4 <= PacketLimits.ReadingsPayloadBytes, $"the largest frame is {frame.Length} bytes");
        await using var host = new GatewayHost();
        string secret = host.Units.Add("unit-a", null);
        var (client, _) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", secret);
        await using var __ = client;

        var result = await client.PublishAsync(MqttTopics.Readings("unit-a"), frame);

        Assert.True(result.IsSuccess, $"a {frame.Length}-byte frame got {result.ReasonCode}");
        Assert.True(client.IsConnected);
        Assert.True(host.Readings.Count() + host.Readings.QuarantineCount() > 0);
    }

    [Fact]
    public async Task Publish_StatusOverItsLimit_ClosesTheConnectionBeforeItIsRead()
    {
        await using var host = new GatewayHost();
        string secret = host.Units.Add("unit-a", null);
        using var socket = await RawMqtt.LoginAsync(host.MqttPort, "unit-a", secret);

        // Only the header goes out: a gateway that buffers the announced payload waits for it; one that refuses closes.
        await socket.SendAsync(RawMqtt.PublishHeader(MqttTopics.Status("unit-a"), 16 * 1024 + 1, retain: true));

        Assert.True(await RawMqtt.ClosedByPeerAsync(socket, TimeSpan.FromSeconds(10)), "the gateway waited for the oversized payload");
    }
}
