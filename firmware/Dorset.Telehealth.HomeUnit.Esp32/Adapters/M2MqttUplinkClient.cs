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
    /// PUBACK arrives as MqttMsgPublished. M2Mqtt does not reconnect by itself; the runtime's loop does, with backoff.
    /// Every M2Mqtt call that can throw is caught here: the interface promises false/-1.
    /// </summary>
    public sealed class M2MqttUplinkClient : IUplinkClient
    {
        private const ushort KeepAliveSeconds = 60;
        private readonly string host;
        private readonly int port;
        private readonly X509Certificate hubCa;
        private MqttClient client;
        private string configTopic;
        // Set when M2Mqtt gave up on a publish: the link counts as lost from then on.
        private bool publishAbandoned;

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
            get
            {
                MqttClient current = client;
                return current != null && current.IsConnected && !publishAbandoned;
            }
        }

        /// <inheritdoc/>
        public bool Connect(string unitId, string secret, string willTopic, byte[] willPayload, string configTopic)
        {
            this.configTopic = configTopic;

            // The previous client is closed before a new one is made: an abandoned client keeps its socket, its TLS
            // context (tens of KB of a ~100 KB heap) and its threads.
            Close();
            publishAbandoned = false;
            var fresh = new MqttClient(host, port, hubCa != null, hubCa, null, hubCa != null ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
            fresh.MqttMsgPublished += OnPublished;
            fresh.MqttMsgPublishReceived += OnPublishReceived;
            client = fresh;
            try
            {
                MqttReasonCode code = fresh.Connect(unitId, unitId, secret, true, MqttQoSLevel.AtLeastOnce, true, willTopic,
                    Encoding.UTF8.GetString(willPayload, 0, willPayload.Length), true, KeepAliveSeconds);
                if (code != MqttReasonCode.Success)
                {
                    Close();
                    return false;
                }

                fresh.Subscribe(new string[] { configTopic }, new MqttQoSLevel[] { MqttQoSLevel.AtLeastOnce });
                return true;
            }
            catch (Exception)
            {
                // Socket and TLS failures surface as exceptions (MqttConnectionException among them), and so does a
                // subscribe on a link that dropped at once: not connected.
                Close();
                return false;
            }
        }

        /// <inheritdoc/>
        public int Publish(string topic, byte[] payload, bool retain)
        {
            MqttClient current = client;
            if (current == null || !IsConnected)
            {
                return -1;
            }

            try
            {
                return current.Publish(topic, payload, null, null, MqttQoSLevel.AtLeastOnce, retain);
            }
            catch (Exception)
            {
                // MqttClientException(InflightQueueFull) when M2Mqtt's queue is full, or the link went: not sent now;
                // the publisher tries again on a later turn.
                return -1;
            }
        }

        /// <inheritdoc/>
        public void Disconnect()
        {
            MqttClient current = client;
            if (current != null && current.IsConnected)
            {
                try
                {
                    current.Disconnect();
                }
                catch (Exception)
                {
                    // Gone already.
                }
            }

            Close();
        }

        private void Close()
        {
            MqttClient old = client;
            client = null;
            if (old != null)
            {
                old.MqttMsgPublished -= OnPublished;
                old.MqttMsgPublishReceived -= OnPublishReceived;

                // Close never throws (M2Mqtt catches inside) and waits at most about 2 s for its threads.
                old.Close();
            }
        }

        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            // Only the current client's PUBACKs count: message ids restart with every client, so a late event of an
            // old one would acknowledge the wrong frame and drop readings the hub never stored.
            if (sender != client)
            {
                return;
            }

            if (!e.IsPublished)
            {
                // M2Mqtt gave up retrying this publish without a PUBACK. The link counts as lost: the runtime
                // reconnects (closing this client on its own thread, not M2Mqtt's event thread) and the publisher sends
                // the frame again, which the gateway stores once.
                publishAbandoned = true;
                return;
            }

            PublishAcknowledgedHandler handler = Acknowledged;
            if (handler != null)
            {
                handler(e.MessageId);
            }
        }

        private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
        {
            ConfigReceivedHandler handler = ConfigReceived;
            if (sender == client && e.Topic == configTopic && handler != null)
            {
                handler(e.Message);
            }
        }
    }
}
