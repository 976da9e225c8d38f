using System;
using System.Buffers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.HomeUnit.Uplink;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Dorset.Telehealth.Emulator.Host;

/// <summary>
/// The home unit's MQTT 3.1.1 client on the host, with MQTTnet: QoS 1 publishes complete on PUBACK and are then
/// reported through <see cref="Acknowledged"/>, as M2Mqtt's MqttMsgPublished does on the ESP32. Connects and
/// disconnects are serialized: MQTTnet refuses a connect while an earlier connect or disconnect is still pending
/// (after the broker dropped the link it tears the old one down in the background), and that refusal is a "not yet",
/// so it is reported as a failed connect for the caller's backoff, never thrown.
/// </summary>
public sealed class MqttNetUplinkClient(string host, int port, byte[]? caCertificatePem) : IUplinkClient, IDisposable
{
    // Parsed at once, so a CA that is not a certificate fails the unit's boot (its fault path), not every connect.
    private readonly X509Certificate2? _ca = caCertificatePem == null ? null : X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(caCertificatePem));
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly object _session = new();
    private int _nextId;

    public bool IsConnected => _client.IsConnected;

    public event PublishAcknowledgedHandler? Acknowledged;

    public event ConfigReceivedHandler? ConfigReceived;

    public bool Connect(string unitId, string secret, string willTopic, byte[] willPayload, string configTopic)
    {
        lock (_session)
        {
            if (_client.IsConnected)
            {
                return true;
            }

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
            if (_ca != null)
            {
                builder.WithTlsOptions(tls => tls.UseTls().WithTrustChain([_ca]));
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
            catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException or TimeoutException or InvalidOperationException)
            {
                // InvalidOperationException: "Not allowed to connect while connect/disconnect is pending", or the
                // subscribe found the link gone again. Either way: not connected now, try again after the backoff.
                return false;
            }
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
        Task<MqttClientPublishResult> publish;
        try
        {
            publish = _client.PublishAsync(message);
        }
        catch (MqttClientNotConnectedException)
        {
            // The link dropped between the check and the publish: not sent.
            return -1;
        }

        publish.ContinueWith(task =>
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
        lock (_session)
        {
            if (_client.IsConnected)
            {
                try
                {
                    _client.DisconnectAsync().GetAwaiter().GetResult();
                }
                catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException)
                {
                    // Gone already: nothing left to close.
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_session)
        {
            _client.Dispose();
        }
    }

    private Task OnMessage(MqttApplicationMessageReceivedEventArgs e)
    {
        ConfigReceived?.Invoke(e.ApplicationMessage.Payload.ToArray());
        return Task.CompletedTask;
    }
}
