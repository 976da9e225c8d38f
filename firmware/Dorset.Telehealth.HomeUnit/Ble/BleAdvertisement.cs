namespace Dorset.Telehealth.HomeUnit.Ble
{
    /// <summary>
    /// What the unit needs from one advertising or scan-response packet: who, with which address type, how strong,
    /// which 16-bit services and which name. Stacks report a scan response as a packet of its own, so a name may come
    /// without services and the services without a name.
    /// </summary>
    public sealed class BleAdvertisement
    {
        /// <summary>Creates an advertisement.</summary>
        public BleAdvertisement(string address, BleAddressType addressType, int rssi, ushort[] serviceUuids, string name)
        {
            Address = address;
            AddressType = addressType;
            Rssi = rssi;
            ServiceUuids = serviceUuids;
            Name = name;
        }

        /// <summary>The device address, "C0:26:DA:01:02:03".</summary>
        public string Address { get; private set; }

        /// <summary>How the address is dialled.</summary>
        public BleAddressType AddressType { get; private set; }

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
