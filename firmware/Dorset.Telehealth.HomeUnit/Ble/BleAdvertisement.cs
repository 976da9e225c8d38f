namespace Dorset.Telehealth.HomeUnit.Ble
{
    /// <summary>What pairing mode needs from an advertisement: who, how strong, and which 16-bit services.</summary>
    public sealed class BleAdvertisement
    {
        /// <summary>Creates an advertisement.</summary>
        public BleAdvertisement(string address, int rssi, ushort[] serviceUuids, string name)
        {
            Address = address;
            Rssi = rssi;
            ServiceUuids = serviceUuids;
            Name = name;
        }

        /// <summary>The device address, "C0:26:DA:01:02:03".</summary>
        public string Address { get; private set; }

        /// <summary>Received signal strength in dBm.</summary>
        public int Rssi { get; private set; }

        /// <summary>
        /// 16-bit service UUIDs from the advertising data sections 0x02/0x03 (nanoFramework's ServiceUuids list only
        /// holds 128-bit ones, so the adapter reads the sections).
        /// </summary>
        public ushort[] ServiceUuids { get; private set; }

        /// <summary>The advertised local name, or null.</summary>
        public string Name { get; private set; }
    }
}
