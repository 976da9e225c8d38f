using System;
using Dorset.Telehealth.Protocol.Contract;

namespace Dorset.Telehealth.Gateway.Broker;

/// <summary>
/// The v1 topic contract (firmware/PROTOCOL.md "MQTT topics"), built by the same <see cref="UnitTopics"/> the unit
/// builds its topics with; the broker's ACL check is the gateway's own.
/// </summary>
public static class MqttTopics
{
    /// <summary>Every unit topic starts with this.</summary>
    public const string Prefix = UnitTopics.Prefix;

    /// <summary>unit -> gateway, QoS 1, binary uplink frame.</summary>
    public const string ReadingsLeaf = UnitTopics.ReadingsLeaf;

    /// <summary>unit -> gateway, retained: birth/last will and health.</summary>
    public const string StatusLeaf = UnitTopics.StatusLeaf;

    /// <summary>gateway -> unit, retained: paired devices and settings.</summary>
    public const string ConfigLeaf = UnitTopics.ConfigLeaf;

    /// <summary>The readings topic of a unit.</summary>
    public static string Readings(string unitId) => UnitTopics.Readings(unitId);

    /// <summary>The status topic of a unit.</summary>
    public static string Status(string unitId) => UnitTopics.Status(unitId);

    /// <summary>The config topic of a unit.</summary>
    public static string Config(string unitId) => UnitTopics.Config(unitId);

    /// <summary>
    /// True when <paramref name="topic"/> is strictly below the unit's own prefix; <paramref name="leaf"/> is the rest
    /// (e.g. "readings"). Wildcards never match: a publish topic cannot contain them, and a filter with them is not
    /// "own config".
    /// </summary>
    public static bool TryGetOwnLeaf(string unitId, string? topic, out string leaf)
    {
        leaf = string.Empty;
        string own = Prefix + unitId + "/";
        if (topic == null || !topic.StartsWith(own, StringComparison.Ordinal) || topic.Length == own.Length
            || topic.AsSpan(own.Length).IndexOfAny('+', '#') >= 0)
        {
            return false;
        }

        leaf = topic.Substring(own.Length);
        return true;
    }
}
