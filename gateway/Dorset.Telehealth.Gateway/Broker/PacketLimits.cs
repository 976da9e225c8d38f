using System;

namespace Dorset.Telehealth.Gateway.Broker;

/// <summary>
/// The largest MQTT packet the broker reads, by packet type and, for PUBLISH, by topic leaf (firmware/PROTOCOL.md
/// "Packet sizes"). <see cref="MqttPacketGuardStream"/> applies them to the fixed header and topic, before MQTTnet
/// allocates the packet's body, so no client can make the gateway buffer more than these.
/// </summary>
public static class PacketLimits
{
    /// <summary>
    /// A readings payload: the largest frame the encoder writes (64 readings, every field at its widest) is
    /// 3,448 bytes (UnitTopicLimitTests builds it), so this leaves room for a later frame version four times as wide.
    /// </summary>
    public const int ReadingsPayloadBytes = 16 * 1024;

    /// <summary>A status payload: a pairing unit lists every health device it hears, so this is generous.</summary>
    public const int StatusPayloadBytes = 16 * 1024;

    /// <summary>A publish to any other topic, refused by the ACL once read: small enough to cost nothing.</summary>
    public const int OtherPayloadBytes = 1024;

    /// <summary>CONNECT: client id, user name, secret, the last will (status "offline") and MQTT 5 properties.</summary>
    public const int ConnectBytes = 4096;

    /// <summary>Every other packet (SUBSCRIBE, PUBACK, PINGREQ, ...).</summary>
    public const int ControlBytes = 1024;

    /// <summary>The longest topic read ahead of a PUBLISH's body ("dorset/v1/" + a 64-character unit id + a leaf fits).</summary>
    public const int TopicBytes = 256;

    private const int Connect = 1;
    private const int Publish = 3;

    /// <summary>True when the packet needs its topic before it can be judged (a PUBLISH).</summary>
    public static bool NeedsTopic(byte fixedHeader) => fixedHeader >> 4 == Publish;

    /// <summary>
    /// Why a packet of this type and remaining length is refused, or null when it may be read; a PUBLISH is judged by
    /// its payload and <paramref name="topic"/> (of <paramref name="topicBytes"/> UTF-8 bytes).
    /// </summary>
    public static string? Refusal(byte fixedHeader, int remainingLength, string? topic = null, int topicBytes = 0)
    {
        int type = fixedHeader >> 4;
        if (type == Publish)
        {
            int qos = (fixedHeader >> 1) & 3;
            int payload = remainingLength - 2 - topicBytes - (qos > 0 ? 2 : 0);
            int limit = PayloadLimit(topic);
            return payload > limit ? $"a {payload}-byte publish to '{DeviceConnectionValidator.LogSafe(topic)}' is over its {limit}-byte limit" : null;
        }

        int packetLimit = type == Connect ? ConnectBytes : ControlBytes;
        return remainingLength > packetLimit ? $"a {remainingLength}-byte packet of type {type} is over its {packetLimit}-byte limit" : null;
    }

    private static int PayloadLimit(string? topic)
    {
        if (topic == null)
        {
            return OtherPayloadBytes;
        }

        if (topic.EndsWith("/" + MqttTopics.ReadingsLeaf, StringComparison.Ordinal))
        {
            return ReadingsPayloadBytes;
        }

        return topic.EndsWith("/" + MqttTopics.StatusLeaf, StringComparison.Ordinal) ? StatusPayloadBytes : OtherPayloadBytes;
    }
}
