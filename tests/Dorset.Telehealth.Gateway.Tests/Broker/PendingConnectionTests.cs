using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MQTTnet;

namespace Dorset.Telehealth.Gateway.Tests.Broker;

/// <summary>
/// Raw TCP connections that never send CONNECT, against the real gateway host: issue 13 held 900 of them for
/// 60-120 s. The gateway's clock is a <see cref="FakeTimeProvider"/>, so the deadline passes when the test says.
/// </summary>
public sealed class PendingConnectionTests
{
    [Fact]
    public async Task SilentConnections_OnBothListeners_AreClosedOnceTheConnectDeadlinePasses()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new GatewayHost(s => s.AddSingleton<TimeProvider>(time));
        var sockets = new List<Socket>();
        for (int i = 0; i < 3; i++)
        {
            sockets.Add(await RawMqtt.OpenAsync(host.MqttPort));
            sockets.Add(await RawMqtt.OpenAsync(host.MqttsPort));
        }

        // Accepted (and so their deadlines set) once counted as pending.
        var metrics = host.Services.GetRequiredService<Dorset.Telehealth.Gateway.Diagnostics.GatewayMetrics>();
        await Eventually.TrueAsync(() => metrics.PendingConnections == sockets.Count, because: $"{metrics.PendingConnections} pending");
        Assert.False(await RawMqtt.ClosedByPeerAsync(sockets[0], TimeSpan.FromMilliseconds(300)), "closed before the deadline");
        time.Advance(TimeSpan.FromSeconds(6));

        foreach (Socket socket in sockets)
        {
            Assert.True(await RawMqtt.ClosedByPeerAsync(socket, TimeSpan.FromSeconds(10)), "a silent connection outlived the CONNECT deadline");
            socket.Dispose();
        }

        await Eventually.TrueAsync(() => metrics.PendingConnections == 0, because: "closed connections still counted as pending");
    }

    [Fact]
    public async Task PendingConnections_PastTheCapPerAddress_AreClosedAtOnce_AndAUnitConnectsWhenOneEnds()
    {
        // The clock stands still, so the silent four stay pending however long the test takes.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new GatewayHost(s => s.AddSingleton<TimeProvider>(time),
            new Dictionary<string, string?> { ["BrokerOptions:MaxPendingConnectionsPerAddress"] = "4" });
        string secret = host.Units.Add("unit-a", null);
        var silent = new List<Socket>();
        for (int i = 0; i < 4; i++)
        {
            silent.Add(await RawMqtt.OpenAsync(host.MqttPort));
        }

        using Socket fifth = await RawMqtt.OpenAsync(host.MqttPort);

        Assert.True(await RawMqtt.ClosedByPeerAsync(fifth, TimeSpan.FromSeconds(10)), "a fifth pending connection from one address was held");
        Assert.False(await RawMqtt.ClosedByPeerAsync(silent[3], TimeSpan.FromMilliseconds(300)), "one within the cap was closed");
        silent[0].Dispose();
        await Eventually.TrueAsync(() => TryConnect(host.MqttPort, secret), because: "a unit could not connect after a pending slot freed");
        foreach (Socket socket in silent.Skip(1))
        {
            socket.Dispose();
        }
    }

    private static bool TryConnect(int port, string secret)
    {
        try
        {
            var (client, code) = UnitClient.ConnectAsync(port, "unit-a", secret).GetAwaiter().GetResult();
            client.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return code == MqttClientConnectResultCode.Success;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
