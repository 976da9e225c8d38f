using System;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Dorset.Telehealth.HomeUnit.Uplink;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace Dorset.Telehealth.HomeUnit.Esp32.Adapters
{
    /// <summary>
    /// <see cref="IUplinkClient"/> on nanoFramework.M2Mqtt: TLS 1.2 to the hub with the hub CA, QoS 1 publishes whose
    /// PUBACK arrives as MqttMsgPublished. M2Mqtt does not reconnect by itself; the controller's loop does, with backoff.
    /// </summary>
    public sealed class M2MqttUplinkClient : IUplinkClient
    {
        private const ushort KeepAliveSeconds = 60;
        private readonly string host;
        private readonly int port;
        private readonly X509Certificate hubCa;
        private MqttClient client;
        private string configTopic;

        /// <summary>Creates the client; <paramref name="hubCa"/> null means plain MQTT (development only).</summary>
        public M2MqttUplinkClient(string host, int port, X509Certificate hubCa)
        {
            this.host = host;
            this.port = port;
            this.hubCa = hubCa;
        }

        /// <inheritdoc/>
        public event PublishAcknowledgedHandler Acknowledged;

        /// <inheritdoc/>
        public event ConfigReceivedHandler ConfigReceived;

        /// <inheritdoc/>
        public bool IsConnected
        {
            get { return client != null && client.IsConnected; }
        }

        /// <inheritdoc/>
        public bool Connect(string unitId, string secret, string willTopic, byte[] willPayload, string configTopic)
        {
            this.configTopic = configTopic;
            try
            {
                client = new MqttClient(host, port, hubCa != null, hubCa, null, MqttSslProtocols.TLSv1_2);
                client.MqttMsgPublished += (sender, e) =>
                {
                    PublishAcknowledgedHandler handler = Acknowledged;
                    if (e.IsPublished && handler != null)
                    {
                        handler(e.MessageId);
                    }
                };
                client.MqttMsgPublishReceived += (sender, e) =>
                {
                    ConfigReceivedHandler handler = ConfigReceived;
                    if (e.Topic == this.configTopic && handler != null)
                    {
                        handler(e.Message);
                    }
                };
                MqttReasonCode code = client.Connect(unitId, unitId, secret, true, MqttQoSLevel.AtLeastOnce, true, willTopic,
                    Encoding.UTF8.GetString(willPayload, 0, willPayload.Length), true, KeepAliveSeconds);
                if (code != MqttReasonCode.Success)
                {
                    return false;
                }

                client.Subscribe(new string[] { configTopic }, new MqttQoSLevel[] { MqttQoSLevel.AtLeastOnce });
                return true;
            }
            catch (Exception)
            {
                // Socket and TLS failures surface as exceptions (MqttConnectionException among them): not connected.
                return false;
            }
        }

        /// <inheritdoc/>
        public int Publish(string topic, byte[] payload, bool retain)
        {
            if (!IsConnected)
            {
                return -1;
            }

            return client.Publish(topic, payload, null, null, MqttQoSLevel.AtLeastOnce, retain);
        }

        /// <inheritdoc/>
        public void Disconnect()
        {
            if (IsConnected)
            {
                client.Disconnect();
            }
        }
    }
}
