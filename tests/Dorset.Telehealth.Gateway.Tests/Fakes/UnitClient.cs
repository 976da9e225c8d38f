using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.TestSupport;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Dorset.Telehealth.Gateway.Tests.Fakes;

/// <summary>A real MQTTnet client acting as a home unit.</summary>
public sealed class UnitClient : IAsyncDisposable
{
    private readonly IMqttClient _client;

    private UnitClient(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            Received.Enqueue(e.ApplicationMessage);
            return Task.CompletedTask;
        };
    }

    public ConcurrentQueue<MqttApplicationMessage> Received { get; } = new();

    public bool IsConnected => _client.IsConnected;

    public IMqttClient Client => _client;

    /// <summary>Connects; returns the CONNACK result code (a refusal is returned, not thrown).</summary>
    public static async Task<(UnitClient Client, MqttClientConnectResultCode Code)> ConnectAsync(int port, string user, string? password,
        string? clientId = null, MqttProtocolVersion version = MqttProtocolVersion.V311, Action<MqttClientOptionsBuilder>? configure = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId ?? user)
            .WithCredentials(user, password)
            .WithProtocolVersion(version)
            .WithTimeout(TimeSpan.FromSeconds(15))
            .WithCleanSession();
        configure?.Invoke(builder);
        var unit = new UnitClient(client);
        try
        {
            var result = await client.ConnectAsync(builder.Build());
            return (unit, result.ResultCode);
        }
        catch (MQTTnet.Adapter.MqttConnectingFailedException e)
        {
            // MQTTnet 5 returns refusals as a result code; this is a failure below MQTT (socket, TLS).
            throw new InvalidOperationException("connect failed below MQTT: " + e.Message, e);
        }
    }

    public Task<MqttClientPublishResult> PublishAsync(string topic, byte[] payload, bool retain = false, CancellationToken cancellationToken = default)
    {
        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build();
        return _client.PublishAsync(message, cancellationToken);
    }

    public async Task<MqttClientSubscribeResultCode> SubscribeAsync(string filter)
    {
        var result = await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build());
        foreach (var item in result.Items)
        {
            return item.ResultCode;
        }

        throw new InvalidOperationException("no subscribe result");
    }

    /// <summary>Waits until the broker closes the connection (or fails the test after the timeout).</summary>
    public Task WaitForDisconnectAsync(TimeSpan timeout) =>
        Eventually.TrueAsync(() => !_client.IsConnected, timeout, "the broker closes the connection");

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync();
            }
        }
        catch (Exception)
        {
            // Already closed by the broker.
        }

        _client.Dispose();
    }
}
