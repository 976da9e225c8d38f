namespace Dorset.Telehealth.Protocol.Contract
{
    /// <summary>
    /// The files provisioning puts on a unit's flash and where (hardware/FLASHING.md step 6): the gateway's bundle and
    /// its nanoff deployment list write them, the firmware reads them at every boot.
    /// </summary>
    public static class UnitFiles
    {
        /// <summary>The unit's config: id, hub, credentials.</summary>
        public const string Config = "unit-config.json";

        /// <summary>The hub's CA certificate, which the unit trusts for TLS.</summary>
        public const string HubCa = "hub-ca.pem";

        /// <summary>The root of the unit's flash file system: nanoFramework's internal LittleFS drive on the ESP32.</summary>
        public const string FlashRoot = "I:\\";
    }
}
