namespace Dorset.Telehealth.HomeUnit.Uplink
{
    /// <summary>The unit's MQTT topics (firmware/PROTOCOL.md "MQTT topics").</summary>
    public static class UnitTopics
    {
        /// <summary>dorset/v1/{unitId}/readings: frames, QoS 1.</summary>
        public static string Readings(string unitId)
        {
            return "dorset/v1/" + unitId + "/readings";
        }

        /// <summary>dorset/v1/{unitId}/status: retained status and last will.</summary>
        public static string Status(string unitId)
        {
            return "dorset/v1/" + unitId + "/status";
        }

        /// <summary>dorset/v1/{unitId}/config: retained config from the gateway.</summary>
        public static string Config(string unitId)
        {
            return "dorset/v1/" + unitId + "/config";
        }
    }
}
