namespace Dorset.Telehealth.HomeUnit.Devices
{
    /// <summary>The kinds of paired device, in the order of their config names (Protocol's DeviceKindNames.All).</summary>
    public enum DeviceKind
    {
        /// <summary>Not a kind the unit reads.</summary>
        Unknown = 0,

        /// <summary>Glucose Service 0x1808.</summary>
        GlucoseMeter = 1,

        /// <summary>Pulse Oximeter Service 0x1822.</summary>
        PulseOximeter = 2,

        /// <summary>Weight Scale Service 0x181D.</summary>
        WeightScale = 3,

        /// <summary>Blood Pressure Service 0x1810.</summary>
        BloodPressureMonitor = 4,
    }
}
