using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Diagnostics;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Dorset.Telehealth.Gateway.Tests.Broker;

/// <summary>Auth and ACL seen by a third-party client: Debian's mosquitto_pub and mosquitto_sub (MQTT 3.1.1).</summary>
public sealed class MosquittoClientTests
{
    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string tool, params string[] args)
    {
        using var process = ChildProcess.Start(tool, args);
        int code = await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        return (code, process.StandardOutput, process.StandardError);
    }

    private static string[] Connect(GatewayHost host, string user, string password) => new[]
    {
        "-h", "127.0.0.1", "-p", host.MqttPort.ToString(CultureInfo.InvariantCulture), "-V", "mqttv311", "-u", user, "-P", password, "-i", user,
    };

    private static string[] Concat(string[] a, params string[] b)
    {
        var all = new List<string>(a);
        all.AddRange(b);
        return all.ToArray();
    }

    /// <summary>Subscribes with mosquitto_sub until <paramref name="text"/> arrives on <paramref name="topic"/> (retained or published by the gateway's sync).</summary>
    private static async Task SubscriberSeesAsync(string sub, string[] connect, string topic, string text)
    {
        using var subscriber = ChildProcess.Start(sub, Concat(connect, "-t", topic, "-W", "30"));
        await subscriber.WaitForOutputAsync(text, TimeSpan.FromSeconds(20));
        subscriber.Kill();
    }

    [Fact]
    public async Task MosquittoPub_WrongPassword_IsRefused()
    {
        string pub = IntegrationTool.Require("the auth test uses a third-party MQTT client", "mosquitto_pub");
        await using var host = new GatewayHost();
        host.Units.Add("unit-a", null);

        var result = await RunAsync(pub, Concat(Connect(host, "unit-a", "not-the-secret"), "-t", MqttTopics.Status("unit-a"), "-m", "online", "-q", "1"));

        Assert.NotEqual(0, result.Code);
        // CONNACK return code 4 (MQTT 3.1.1 §3.2.2.3), as mosquitto_pub words it.
        Assert.Contains("bad user name or password", result.Stderr + result.Stdout, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task MosquittoPub_RevokedUnit_IsRefused()
    {
        string pub = IntegrationTool.Require("the auth test uses a third-party MQTT client", "mosquitto_pub");
        await using var host = new GatewayHost();
        string secret = host.Units.Add("unit-a", null);
        var ok = await RunAsync(pub, Concat(Connect(host, "unit-a", secret), "-t", MqttTopics.Status("unit-a"), "-m", "online", "-q", "1"));
        Assert.Equal(0, ok.Code);

        host.Units.Revoke("unit-a");
        var refused = await RunAsync(pub, Concat(Connect(host, "unit-a", secret), "-t", MqttTopics.Status("unit-a"), "-m", "online", "-q", "1"));

        Assert.NotEqual(0, refused.Code);
    }

    [Fact]
    public async Task MosquittoPub_OtherUnitsTopic_IsRefusedAndNothingStoredOrDelivered()
    {
        string pub = IntegrationTool.Require("the ACL test uses a third-party MQTT client", "mosquitto_pub");
        string sub = IntegrationTool.Require("the ACL test uses a third-party MQTT client", "mosquitto_sub");
        await using var host = new GatewayHost();
        string secretA = host.Units.Add("unit-a", null);
        string secretB = host.Units.Add("unit-b", null);
        // unit-b listens on the one topic it may: anything unit-a smuggled there would show up. It has subscribed once
        // its own config (retained, or published by the gateway's sync) has reached it.
        using var listener = ChildProcess.Start(sub, Concat(Connect(host, "unit-b", secretB), "-t", MqttTopics.Config("unit-b"), "-v", "-W", "30"));
        await listener.WaitForOutputAsync(MqttTopics.Config("unit-b"), TimeSpan.FromSeconds(20));

        var readings = await RunAsync(pub, Concat(Connect(host, "unit-a", secretA), "-t", MqttTopics.Readings("unit-b"), "-m", "forged", "-q", "1"));
        var config = await RunAsync(pub, Concat(Connect(host, "unit-a", secretA), "-t", MqttTopics.Config("unit-b"), "-m", "forged", "-q", "1"));
        // A config change the gateway publishes after the forgeries: once it arrives, a forgery routed to unit-b would
        // have arrived before it.
        host.Units.SetConfig("unit-b", """{"devices":[],"settings":{"sentinel":1}}""");
        await listener.WaitForOutputAsync("sentinel", TimeSpan.FromSeconds(20));
        listener.Kill();

        Assert.NotEqual(0, readings.Code);
        Assert.NotEqual(0, config.Code);
        Assert.DoesNotContain("forged", listener.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, host.Readings.Count());
        Assert.Equal(0, host.Readings.QuarantineCount());
        Assert.Equal(2, host.Services.GetRequiredService<GatewayMetrics>().AclViolations);
    }

    [Fact]
    public async Task MosquittoSub_OwnConfig_GetsRetainedConfigButNotAnotherUnits()
    {
        string sub = IntegrationTool.Require("the ACL test uses a third-party MQTT client", "mosquitto_sub");
        await using var host = new GatewayHost();
        string secret = host.Units.Add("unit-a", null);
        string secretB = host.Units.Add("unit-b", null);
        host.Units.SetConfig("unit-a", """{"devices":[{"slot":1,"kind":"weight"}],"settings":{}}""");
        host.Units.SetConfig("unit-b", """{"devices":[{"slot":0,"kind":"secret-of-b"}],"settings":{}}""");
        // Both configs are retained at the broker before unit-a asks for the other's, so a leak would be delivered.
        await SubscriberSeesAsync(sub, Connect(host, "unit-b", secretB), MqttTopics.Config("unit-b"), "secret-of-b");
        await SubscriberSeesAsync(sub, Connect(host, "unit-a", secret), MqttTopics.Config("unit-a"), "\"kind\":\"weight\"");

        var other = await RunAsync(sub, Concat(Connect(host, "unit-a", secret), "-t", MqttTopics.Config("unit-b"), "-C", "1", "-W", "3"));

        Assert.DoesNotContain("secret-of-b", other.Stdout, StringComparison.Ordinal);
        // MQTT 3.1.1 refuses with SUBACK 0x80; mosquitto_sub then simply receives nothing.
        Assert.Empty(other.Stdout.Trim());
    }
}
