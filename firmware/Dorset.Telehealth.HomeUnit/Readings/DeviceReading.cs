using System;
using Dorset.Telehealth.HomeUnit.Ble;
using Dorset.Telehealth.HomeUnit.Devices;
using Dorset.Telehealth.Protocol.Glucose;
using Dorset.Telehealth.Protocol.Time;

namespace Dorset.Telehealth.HomeUnit.Readings
{
    /// <summary>
    /// One reading as a session got it from a paired device: the decoded measurement and everything needed to
    /// attribute and time it (the device by slot and address, device sequence, the device's own time, and when and how
    /// well the unit knew the time).
    /// </summary>
    public sealed class DeviceReading
    {
        /// <summary>No device sequence (devices without record numbers).</summary>
        public const int NoSequence = -1;

        /// <summary>A reading of <paramref name="device"/>, dialled as <paramref name="addressType"/>.</summary>
        public static DeviceReading Of(PairedDevice device, BleAddressType addressType)
        {
            var reading = new DeviceReading();
            reading.Slot = device.Slot;
            reading.Address = device.Address;
            reading.AddressType = addressType;
            return reading;
        }

        /// <summary>The paired-device slot it came from.</summary>
        public int Slot { get; set; }

        /// <summary>
        /// The Bluetooth address of the device that took it: it travels with the reading, so a slot re-paired while the
        /// reading waits never changes whose reading it is.
        /// </summary>
        public string Address { get; set; }

        /// <summary>How the address was dialled.</summary>
        public BleAddressType AddressType { get; set; }

        /// <summary>The decoded measurement: GlucoseMeasurement, PlxSpotCheck, WeightMeasurement or BloodPressureMeasurement.</summary>
        public object Measurement { get; set; }

        /// <summary>The glucose context paired with the measurement by sequence, or null.</summary>
        public GlucoseContext Context { get; set; }

        /// <summary>The device's record number, or <see cref="NoSequence"/>.</summary>
        public int DeviceSequence { get; set; }

        /// <summary>The device's own timestamp, or null when it sent none (or one that is no valid time).</summary>
        public DeviceTime DeviceTime { get; set; }

        /// <summary>True when the device sent a time that is no valid date or time: the reading is timed by its receipt.</summary>
        public bool DeviceTimeInvalid { get; set; }

        /// <summary>When the unit received it (UTC by the unit clock).</summary>
        public DateTime ReceivedAt { get; set; }

        /// <summary>True when the unit clock was synchronised (SNTP) when it received the reading.</summary>
        public bool ClockSynchronised { get; set; }

        /// <summary>True when the device keeps the record in its own memory (so a full outbox can leave it there).</summary>
        public bool KeptOnDevice { get; set; }
    }
}
