using System;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
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

public sealed class BrokerAuthTests
{
    [Fact]
    public async Task Connect_RightSecret_IsAcceptedAndMarkedOnline()
    {
        await using var host = new GatewayHost();
        string secret = host.Units.Add("unit-a", "P-1");

        var (client, code) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", secret);
        await using var _ = client;

        Assert.Equal(MqttClientConnectResultCode.Success, code);
        await Eventually.TrueAsync(() => host.Units.Find("unit-a")!.Online);
    }

    [Theory]
    [InlineData("unit-a", "wrong-secret")]
    [InlineData("unit-unknown", "anything")]
    [InlineData("unit-a", "")]
    public async Task Connect_WrongOrUnknownCredentials_IsRefused(string user, string password)
    {
        await using var host = new GatewayHost();
        host.Units.Add("unit-a", null);

        var (client, code) = await UnitClient.ConnectAsync(host.MqttPort, user, password);
        await using var _ = client;

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, code);
        Assert.False(client.IsConnected);
        Assert.True(host.Services.GetRequiredService<GatewayMetrics>().LoginFailures >= 1);
    }

    [Fact]
    public async Task Connect_RevokedUnit_IsRefused()
    {
        await using var host = new GatewayHost();
        string secret = host.Units.Add("unit-a", null);
        Assert.True(host.Units.Revoke("unit-a"));

        var (client, code) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", secret);
        await using var _ = client;

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, code);
    }

    [Fact]
    public async Task Revoke_WhileConnected_ClosesTheSession()
    {
        await using var host = new GatewayHost();
        string secret = host.Units.Add("unit-a", null);
        var (client, code) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", secret);
        await using var _ = client;
        Assert.Equal(MqttClientConnectResultCode.Success, code);

        host.Units.Revoke("unit-a");

        await client.WaitForDisconnectAsync(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Connect_ClientIdOfAnotherUnit_IsRefused()
    {
        await using var host = new GatewayHost();
        string secret = host.Units.Add("unit-a", null);
        host.Units.Add("unit-b", null);

        var (client, code) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", secret, clientId: "unit-b");
        await using var _ = client;

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, code);
    }

    [Fact]
    public async Task Connect_SuffixedClientIdThatIsAnotherUnitsId_IsRefused_AndThatUnitKeepsItsSession()
    {
        await using var host = new GatewayHost();
        string secret = host.Units.Add("unit-0042", null);
        string other = host.Units.Add("unit-0042-b", null);
        var (victim, ok) = await UnitClient.ConnectAsync(host.MqttPort, "unit-0042-b", other);
        await using var _ = victim;
        Assert.Equal(MqttClientConnectResultCode.Success, ok);

        var (attacker, code) = await UnitClient.ConnectAsync(host.MqttPort, "unit-0042", secret, clientId: "unit-0042-b");
        await using var __ = attacker;

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, code);
        Assert.True(await victim.Client.TryPingAsync(), "the other unit's session was closed");
    }

    [Fact]
    public async Task Connect_RepeatedFailures_AreSlowedDown()
    {
        await using var host = new GatewayHost(settings: new System.Collections.Generic.Dictionary<string, string?>
        {
            ["BrokerOptions:MaxFailedLoginDelayMilliseconds"] = "2000",
        });
        host.Units.Add("unit-a", null);

        var started = DateTime.UtcNow;
        for (int i = 0; i < 4; i++)
        {
            var (client, code) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", "guess-" + i);
            await client.DisposeAsync();
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, code);
        }

        // 250 + 500 + 1000 + 2000 ms of held refusals.
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(3500), $"4 refusals took only {DateTime.UtcNow - started}");
    }

    [Fact]
    public async Task Subscribe_OwnConfig_ReceivesRetainedConfig()
    {
        await using var host = new GatewayHost();
        string secret = host.Units.Add("unit-a", null);
        host.Units.SetConfig("unit-a", """{"devices":[{"slot":0,"address":"C0:11:22:33:44:55","kind":"glucose"}],"settings":{}}""");
        var (client, _) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", secret);
        await using var __ = client;

        var code = await client.SubscribeAsync(MqttTopics.Config("unit-a"));

        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, code);
        await Eventually.TrueAsync(() => client.Received.Any(m => m.Topic == MqttTopics.Config("unit-a")
            && Encoding.UTF8.GetString(m.Payload).Contains("C0:11:22:33:44:55", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("dorset/v1/unit-b/config")]
    [InlineData("dorset/v1/+/config")]
    [InlineData("dorset/v1/#")]
    [InlineData("dorset/v1/unit-a/readings")]
    [InlineData("#")]
    public async Task Subscribe_AnythingButOwnConfig_IsRefused(string filter)
    {
        await using var host = new GatewayHost();
        string secret = host.Units.Add("unit-a", null);
        host.Units.Add("unit-b", null);
        var (client, _) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", secret);
        await using var __ = client;

        var code = await client.SubscribeAsync(filter);

        Assert.Equal(MqttClientSubscribeResultCode.UnspecifiedError, code);
        await Task.Delay(300);
        Assert.Empty(client.Received);
    }

    [Theory]
    [InlineData("dorset/v1/unit-b/readings")]
    [InlineData("dorset/v1/unit-a/config")]
    [InlineData("somewhere/else")]
    public async Task Publish_OutsideOwnPrefix_ClosesConnectionAndStoresNothing(string topic)
    {
        await using var host = new GatewayHost();
        string secret = host.Units.Add("unit-a", null);
        host.Units.Add("unit-b", null);
        var (client, _) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", secret);
        await using var __ = client;

        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            var result = await client.PublishAsync(topic, new byte[] { 1, 2, 3 });
            // A v3.1.1 client only learns of the refusal by the connection closing.
            await client.WaitForDisconnectAsync(TimeSpan.FromSeconds(10));
            throw new InvalidOperationException("closed after " + result.ReasonCode);
        });

        Assert.Equal(0, host.Readings.Count());
        Assert.Equal(0, host.Readings.QuarantineCount());
        Assert.Equal(1, host.Services.GetRequiredService<GatewayMetrics>().AclViolations);
    }

    [Fact]
    public async Task Status_JsonPublish_UpdatesUnitTable()
    {
        await using var host = new GatewayHost();
        string secret = host.Units.Add("unit-a", null);
        var (client, _) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", secret);
        await using var __ = client;

        await client.PublishAsync(MqttTopics.Status("unit-a"), Encoding.UTF8.GetBytes(
            """{"state":"online","firmware":"1.4.2","battery":87,"rssi":-61,"outboxDepth":3,"dropped":1,"clockSynced":true}"""), retain: true);

        var unit = host.Units.Find("unit-a")!;
        Assert.True(unit.Online);
        Assert.Equal("1.4.2", unit.Firmware);
        Assert.Equal(87, unit.BatteryPercent);
        Assert.Equal(-61, unit.RssiDbm);
        Assert.Equal(3, unit.OutboxDepth);
        Assert.Equal(1, unit.DroppedCount);
        Assert.True(unit.ClockSynced);
    }

    [Fact]
    public async Task LastWill_UnitVanishes_MarksOffline()
    {
        await using var host = new GatewayHost();
        string secret = host.Units.Add("unit-a", null);
        var (client, _) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", secret, configure: b => b
            .WithWillTopic(MqttTopics.Status("unit-a")).WithWillPayload("offline").WithWillRetain().WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(1)));
        await Eventually.TrueAsync(() => host.Units.Find("unit-a")!.Online);

        // Dispose without DISCONNECT: the broker sees the socket drop, as after a power cut.
        client.Client.Dispose();

        await Eventually.TrueAsync(() => !host.Units.Find("unit-a")!.Online, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task TlsListener_ClientTrustingHubCa_ConnectsWithHostName()
    {
        await using var host = new GatewayHost();
        string secret = host.Units.Add("unit-a", null);
        using var ca = X509Certificate2.CreateFromPem(System.IO.File.ReadAllText(HubCertificate.CaPath(host.DataDir)));

        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("localhost", host.MqttsPort)
            .WithClientId("unit-a")
            .WithCredentials("unit-a", secret)
            .WithTlsOptions(tls => tls.UseTls().WithTargetHost("localhost").WithCertificateValidationHandler(e =>
            {
                // Validate against the hub CA only, as a unit flashed with hub-ca.pem does.
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return e.SslPolicyErrors == SslPolicyErrors.None || (!e.SslPolicyErrors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)
                    && chain.Build(new X509Certificate2(e.Certificate)));
            }))
            .Build();

        var result = await client.ConnectAsync(options);

        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        await client.DisconnectAsync();
        client.Dispose();
    }
}
