using Dorset.Telehealth.Protocol.Time;

namespace Dorset.Telehealth.Protocol.PulseOximetry
{
    /// <summary>A PLX Spot-check Measurement 0x2A5E (PLXS 1.0, 3.1).</summary>
    public sealed class PlxSpotCheck : PlxMeasurement
    {
        /// <summary>True when a timestamp is present.</summary>
        public bool HasTimestamp { get; set; }

        /// <summary>The device's time of the measurement.</summary>
        public DeviceTime Timestamp { get; set; }

        /// <summary>True when the timestamp the device sent is no valid date or time: <see cref="Timestamp"/> is then null and the value is kept.</summary>
        public bool TimestampInvalid { get; set; }

        /// <summary>True when the device says its clock is not set (flags bit 4): its timestamp is not to be trusted.</summary>
        public bool DeviceClockNotSet { get; set; }
    }
}
