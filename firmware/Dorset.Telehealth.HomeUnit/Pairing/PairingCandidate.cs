using Dorset.Telehealth.HomeUnit.Devices;

namespace Dorset.Telehealth.HomeUnit.Pairing
{
    /// <summary>A health device seen while pairing: reported to the hub, read only once staff confirm it.</summary>
    public sealed class PairingCandidate
    {
        /// <summary>Creates a candidate.</summary>
        public PairingCandidate(string address, DeviceKind kind, int rssi, string name)
        {
            Address = address;
            Kind = kind;
            Rssi = rssi;
            Name = name;
        }

        /// <summary>The Bluetooth address.</summary>
        public string Address { get; private set; }

        /// <summary>The kind its advertised service says it is.</summary>
        public DeviceKind Kind { get; private set; }

        /// <summary>Signal strength, dBm (the nearest device is usually the patient's).</summary>
        public int Rssi { get; set; }

        /// <summary>The advertised name, or null.</summary>
        public string Name { get; private set; }
    }
}
