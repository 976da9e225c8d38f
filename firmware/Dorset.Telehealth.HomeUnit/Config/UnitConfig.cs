using System.Collections;
using Dorset.Telehealth.HomeUnit.Json;
using Dorset.Telehealth.Protocol.Contract;

namespace Dorset.Telehealth.HomeUnit.Config
{
    /// <summary>
    /// The unit's config file on flash (<see cref="UnitFiles.Config"/>), as the gateway's provisioning writes it:
    /// {"unitId", "mqtt": {"host", "port", "tls", "caFile", "username", "password"}, "sntpServer", "wifi": {"ssid", "password"}}.
    /// <see cref="TryParse"/> names the first problem, so an invalid config puts the unit in the fault state with a
    /// clear log line instead of a crash loop.
    /// </summary>
    public sealed class UnitConfig
    {
        /// <summary>The shortest secret a unit accepts (the gateway's `units add` generates longer ones).</summary>
        public const int MinimumPasswordLength = 16;

        /// <summary>The unit id, also its MQTT username.</summary>
        public string UnitId { get; private set; }

        /// <summary>The hub gateway's host name.</summary>
        public string Host { get; private set; }

        /// <summary>The broker port.</summary>
        public int Port { get; private set; }

        /// <summary>True for TLS (always, except loopback development).</summary>
        public bool Tls { get; private set; }

        /// <summary>The hub CA file name on flash, for TLS.</summary>
        public string CaFile { get; private set; }

        /// <summary>The unit's secret.</summary>
        public string Password { get; private set; }

        /// <summary>The SNTP server (the gateway), or null.</summary>
        public string SntpServer { get; private set; }

        /// <summary>The home Wi-Fi network name, or null when the unit is provisioned with it at flash time.</summary>
        public string WifiSsid { get; private set; }

        /// <summary>The home Wi-Fi password.</summary>
        public string WifiPassword { get; private set; }

        /// <summary>Parses and validates a config file.</summary>
        public static bool TryParse(string json, out UnitConfig config, out string error)
        {
            config = null;
            object root;
            if (!JsonParser.TryParse(json, out root, out error))
            {
                error = "unit-config.json: " + error;
                return false;
            }

            var document = root as Hashtable;
            var mqtt = document == null ? null : document["mqtt"] as Hashtable;
            if (mqtt == null)
            {
                error = "unit-config.json: no \"mqtt\" object";
                return false;
            }

            var result = new UnitConfig();
            result.UnitId = document["unitId"] as string;
            result.Host = mqtt["host"] as string;
            result.Password = mqtt["password"] as string;
            result.CaFile = mqtt["caFile"] as string;
            result.Tls = !(mqtt["tls"] is bool) || (bool)mqtt["tls"];
            result.Port = mqtt["port"] is long ? (int)(long)mqtt["port"] : 0;
            result.SntpServer = document["sntpServer"] as string;
            var wifi = document["wifi"] as Hashtable;
            if (wifi != null)
            {
                result.WifiSsid = wifi["ssid"] as string;
                result.WifiPassword = wifi["password"] as string;
            }

            error = result.Validate();
            if (error != null)
            {
                return false;
            }

            config = result;
            return true;
        }

        private string Validate()
        {
            if (!UnitIds.IsValid(UnitId))
            {
                return "unit-config.json: unitId must be " + UnitIds.Rule;
            }

            if (Host == null || Host.Length == 0)
            {
                return "unit-config.json: mqtt.host is missing";
            }

            if (Port < 1 || Port > 65535)
            {
                return "unit-config.json: mqtt.port must be 1..65535";
            }

            if (Password == null || Password.Length < MinimumPasswordLength)
            {
                return "unit-config.json: mqtt.password is missing or shorter than 16 characters";
            }

            if (Tls && (CaFile == null || CaFile.Length == 0))
            {
                return "unit-config.json: mqtt.caFile is required with TLS";
            }

            return null;
        }
    }
}
