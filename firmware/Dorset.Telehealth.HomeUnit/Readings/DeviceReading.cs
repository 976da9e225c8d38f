using System;
using Dorset.Telehealth.Protocol.Time;

namespace Dorset.Telehealth.HomeUnit.Readings
{
    /// <summary>
    /// One reading as a session got it from a paired device: the decoded measurement and everything needed to
    /// attribute and time it (slot, device sequence, the device's own time, and when and how well the unit knew the time).
    /// </summary>
    public sealed class DeviceReading
    {
        /// <summary>No device sequence (devices without record numbers).</summary>
        public const int NoSequence = -1;

        /// <summary>The paired-device slot it came from.</summary>
        public int Slot { get; set; }

        /// <summary>The decoded measurement: GlucoseMeasurement, PlxSpotCheck, WeightMeasurement or BloodPressureMeasurement.</summary>
        public object Measurement { get; set; }

        /// <summary>The glucose context paired with the measurement by sequence, or null.</summary>
        public object Context { get; set; }

        /// <summary>The device's record number, or <see cref="NoSequence"/>.</summary>
        public int DeviceSequence { get; set; }

        /// <summary>The device's own timestamp, or null when it sent none.</summary>
        public DeviceTime DeviceTime { get; set; }

        /// <summary>When the unit received it (UTC by the unit clock).</summary>
        public DateTime ReceivedAt { get; set; }

        /// <summary>True when the unit clock was synchronised (SNTP) when it received the reading.</summary>
        public bool ClockSynchronised { get; set; }

        /// <summary>True when the device keeps the record in its own memory (so a full outbox can leave it there).</summary>
        public bool KeptOnDevice { get; set; }
    }
}
