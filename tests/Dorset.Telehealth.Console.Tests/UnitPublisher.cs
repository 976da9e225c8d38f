using System;
using System.Threading.Tasks;
using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.Uplink;
using MQTTnet;
using MQTTnet.Protocol;

namespace Dorset.Telehealth.Console.Tests;

/// <summary>A home unit as the broker sees it: its credentials, a real uplink frame, QoS 1 with the PUBACK awaited.</summary>
public static class UnitPublisher
{
    /// <summary>Publishes SpO2 spot-checks from the unit's oximeter (slot 0) in one frame, each received by the unit when given.</summary>
    public static async Task PublishSpo2Async(int mqttPort, string unitId, string secret, uint firstSequence, params (int Spo2, DateTime ReceivedUtc)[] checks)
    {
        var readings = Array.ConvertAll(checks, c => new UplinkReading
        {
            Kind = ReadingKind.PulseOximetry, Slot = 0, DeviceSequence = UplinkReading.NoSequence,
            ReceivedAt = new DateTime(c.ReceivedUtc.Year, c.ReceivedUtc.Month, c.ReceivedUtc.Day, c.ReceivedUtc.Hour, c.ReceivedUtc.Minute, c.ReceivedUtc.Second, DateTimeKind.Utc),
            ClockSynchronised = true, Values = [new MedicalFloat(c.Spo2, 0), new MedicalFloat(72, 0)],
        });
        // Version 1, as a unit before frame v2 sends it: the oximeter is named by its slot, which the config pairs.
        byte[] frame = UplinkFrameEncoder.Encode(new UplinkFrame { Version = UplinkFrame.FirstVersion, FirstSequence = firstSequence, Readings = readings });
        await PublishAsync(mqttPort, unitId, secret, $"dorset/v1/{unitId}/readings", frame, retain: false);
    }

    /// <summary>Publishes <paramref name="payload"/> on <paramref name="topic"/> as the unit, QoS 1, waits for the PUBACK and disconnects.</summary>
    public static async Task PublishAsync(int mqttPort, string unitId, string secret, string topic, byte[] payload, bool retain)
    {
        using IMqttClient client = await ConnectAsync(mqttPort, unitId, secret);
        await PublishAsync(client, topic, payload, retain);
        await client.DisconnectAsync();
    }

    /// <summary>The unit's MQTT session, for a test that needs the unit to stay online (its status then stands).</summary>
    public static async Task<IMqttClient> ConnectAsync(int mqttPort, string unitId, string secret)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", mqttPort).WithClientId(unitId)
            .WithCredentials(unitId, secret).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311).Build());
        return client;
    }

    /// <summary>Publishes on an open session, QoS 1, and waits for the PUBACK.</summary>
    public static async Task PublishAsync(IMqttClient client, string topic, byte[] payload, bool retain)
    {
        var result = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException("publish not acknowledged: " + result.ReasonString);
        }
    }
}
