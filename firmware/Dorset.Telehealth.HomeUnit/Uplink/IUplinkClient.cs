namespace Dorset.Telehealth.HomeUnit.Uplink
{
    /// <summary>
    /// The MQTT client as the unit uses it (M2Mqtt on the ESP32, MQTTnet in the emulator): QoS 1 publishes whose
    /// completion (PUBACK) arrives later through <see cref="Acknowledged"/>. Reconnecting, with backoff, is the
    /// runtime's loop's job (<see cref="ReconnectBackoff"/>): M2Mqtt has no automatic reconnect.
    /// </summary>
    public interface IUplinkClient
    {
        /// <summary>True while the broker session is up.</summary>
        bool IsConnected { get; }

        /// <summary>Raised when the broker acknowledged a QoS 1 publish.</summary>
        event PublishAcknowledgedHandler Acknowledged;

        /// <summary>Raised when a config message arrives on the unit's config topic.</summary>
        event ConfigReceivedHandler ConfigReceived;

        /// <summary>
        /// Connects with username = unit id, the unit's secret, a retained last will on the status topic, and subscribes
        /// to the unit's config. False when the broker cannot be reached or refuses.
        /// </summary>
        bool Connect(string unitId, string secret, string willTopic, byte[] willPayload, string configTopic);

        /// <summary>Publishes at QoS 1; returns the message id, or -1 when the client is not connected.</summary>
        int Publish(string topic, byte[] payload, bool retain);

        /// <summary>Closes the session.</summary>
        void Disconnect();
    }
}
