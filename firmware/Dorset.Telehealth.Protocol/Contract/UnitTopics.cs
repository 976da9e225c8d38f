namespace Dorset.Telehealth.Protocol.Contract
{
    /// <summary>
    /// The unit's MQTT topics (firmware/PROTOCOL.md "MQTT topics"): the one copy the unit and the gateway both build
    /// them from.
    /// </summary>
    public static class UnitTopics
    {
        /// <summary>Every unit topic starts with this.</summary>
        public const string Prefix = "dorset/v1/";

        /// <summary>unit -> gateway, QoS 1, binary uplink frame.</summary>
        public const string ReadingsLeaf = "readings";

        /// <summary>unit -> gateway, retained: birth, updates and the last will.</summary>
        public const string StatusLeaf = "status";

        /// <summary>gateway -> unit, retained: the confirmed paired devices and settings.</summary>
        public const string ConfigLeaf = "config";

        /// <summary>dorset/v1/{unitId}/readings.</summary>
        public static string Readings(string unitId)
        {
            return Prefix + unitId + "/" + ReadingsLeaf;
        }

        /// <summary>dorset/v1/{unitId}/status.</summary>
        public static string Status(string unitId)
        {
            return Prefix + unitId + "/" + StatusLeaf;
        }

        /// <summary>dorset/v1/{unitId}/config.</summary>
        public static string Config(string unitId)
        {
            return Prefix + unitId + "/" + ConfigLeaf;
        }
    }
}
