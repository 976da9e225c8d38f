using System;
using System.Buffers;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.HomeUnit.Uplink;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Dorset.Telehealth.Emulator.Host;

/// <summary>
/// The home unit's MQTT 3.1.1 client on the host, with MQTTnet: QoS 1 publishes complete on PUBACK and are then
/// reported through <see cref="Acknowledged"/>, as M2Mqtt's MqttMsgPublished does on the ESP32.
/// </summary>
public sealed class MqttNetUplinkClient(string host, int port, string? caFile) : IUplinkClient, IDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private int _nextId;

    public bool IsConnected => _client.IsConnected;

    public event PublishAcknowledgedHandler? Acknowledged;

    public event ConfigReceivedHandler? ConfigReceived;

    public bool Connect(string unitId, string secret, string willTopic, byte[] willPayload, string configTopic)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(unitId)
            .WithCredentials(unitId, secret)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithCleanSession()
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithWillTopic(willTopic)
            .WithWillPayload(willPayload)
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (caFile != null)
        {
            var ca = X509Certificate2.CreateFromPemFile(caFile);
            builder.WithTlsOptions(tls => tls.UseTls().WithTrustChain([ca]));
        }

        _client.ApplicationMessageReceivedAsync -= OnMessage;
        _client.ApplicationMessageReceivedAsync += OnMessage;
        try
        {
            var result = _client.ConnectAsync(builder.Build()).GetAwaiter().GetResult();
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                return false;
            }

            _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(configTopic).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build())
                .GetAwaiter().GetResult();
            return true;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or TimeoutException)
        {
            return false;
        }
    }

    public int Publish(string topic, byte[] payload, bool retain)
    {
        if (!_client.IsConnected)
        {
            return -1;
        }

        int id = Interlocked.Increment(ref _nextId) & 0x7FFFFFFF;
        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build();
        _client.PublishAsync(message).ContinueWith(task =>
        {
            if (task.IsCompletedSuccessfully && task.Result.IsSuccess)
            {
                Acknowledged?.Invoke(id);
            }
        }, TaskScheduler.Default);
        return id;
    }

    public void Disconnect()
    {
        if (_client.IsConnected)
        {
            _client.DisconnectAsync().GetAwaiter().GetResult();
        }
    }

    public void Dispose() => _client.Dispose();

    private Task OnMessage(MqttApplicationMessageReceivedEventArgs e)
    {
        ConfigReceived?.Invoke(e.ApplicationMessage.Payload.ToArray());
        return Task.CompletedTask;
    }
}
