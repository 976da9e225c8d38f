namespace Dorset.Telehealth.HomeUnit.Sessions
{
    /// <summary>What the unit last learnt about a paired device's own state (battery, identity, clock).</summary>
    public sealed class DeviceHealth
    {
        /// <summary>No battery reading yet.</summary>
        public const int UnknownBattery = -1;

        /// <summary>Creates an empty record for a slot.</summary>
        public DeviceHealth(int slot)
        {
            Slot = slot;
            Battery = UnknownBattery;
        }

        /// <summary>The device's slot.</summary>
        public int Slot { get; private set; }

        /// <summary>Battery level, percent, or <see cref="UnknownBattery"/>.</summary>
        public int Battery { get; set; }

        /// <summary>Manufacturer name (Device Information), or null.</summary>
        public string Manufacturer { get; set; }

        /// <summary>Model number, or null.</summary>
        public string Model { get; set; }

        /// <summary>Firmware revision, or null.</summary>
        public string Firmware { get; set; }

        /// <summary>True when the unit set the device's clock at the last check.</summary>
        public bool ClockSet { get; set; }
    }
}
