namespace Dorset.Telehealth.HomeUnit.Devices
{
    /// <summary>A device the hub confirmed for this patient (retained config topic): only these are ever read.</summary>
    public sealed class PairedDevice
    {
        /// <summary>Creates a paired device.</summary>
        public PairedDevice(int slot, string address, DeviceKind kind, bool needsBond)
        {
            Slot = slot;
            Address = address;
            Kind = kind;
            NeedsBond = needsBond;
        }

        /// <summary>The unit's slot number for the device (0..15), carried in every reading.</summary>
        public int Slot { get; private set; }

        /// <summary>The Bluetooth address.</summary>
        public string Address { get; private set; }

        /// <summary>What the device measures.</summary>
        public DeviceKind Kind { get; private set; }

        /// <summary>True when the device demands a bond before it accepts subscriptions and RACP writes.</summary>
        public bool NeedsBond { get; private set; }
    }
}
