using Dorset.Telehealth.HomeUnit.Ble;
using Dorset.Telehealth.HomeUnit.Devices;

namespace Dorset.Telehealth.HomeUnit.Pairing
{
    /// <summary>A health device seen while pairing: reported to the hub, read only once staff confirm it.</summary>
    public sealed class PairingCandidate
    {
        /// <summary>Creates a candidate.</summary>
        public PairingCandidate(string address, BleAddressType addressType, DeviceKind kind, int rssi, string name)
        {
            Address = address;
            AddressType = addressType;
            Kind = kind;
            Rssi = rssi;
            Name = name;
        }

        /// <summary>The Bluetooth address.</summary>
        public string Address { get; private set; }

        /// <summary>How the address is dialled.</summary>
        public BleAddressType AddressType { get; private set; }

        /// <summary>The kind its advertised service says it is.</summary>
        public DeviceKind Kind { get; private set; }

        /// <summary>Signal strength, dBm (the nearest device is usually the patient's).</summary>
        public int Rssi { get; set; }

        /// <summary>The advertised name, or null (it may come later, in the scan response).</summary>
        public string Name { get; set; }
    }
}
