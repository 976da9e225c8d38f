using System;

namespace Dorset.Telehealth.Gateway.Broker;

/// <summary>The v1 topic contract (architecture.md "MQTT contract", firmware/PROTOCOL.md).</summary>
public static class MqttTopics
{
    /// <summary>Every unit topic starts with this.</summary>
    public const string Prefix = "dorset/v1/";

    /// <summary>unit -> gateway, QoS 1, binary uplink frame.</summary>
    public const string ReadingsLeaf = "readings";

    /// <summary>unit -> gateway, retained: birth/last will and health.</summary>
    public const string StatusLeaf = "status";

    /// <summary>gateway -> unit, retained: paired devices and settings.</summary>
    public const string ConfigLeaf = "config";

    /// <summary>The readings topic of a unit.</summary>
    public static string Readings(string unitId) => Prefix + unitId + "/" + ReadingsLeaf;

    /// <summary>The status topic of a unit.</summary>
    public static string Status(string unitId) => Prefix + unitId + "/" + StatusLeaf;

    /// <summary>The config topic of a unit.</summary>
    public static string Config(string unitId) => Prefix + unitId + "/" + ConfigLeaf;

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
