namespace Dorset.Telehealth.Protocol
{
    /// <summary>
    /// 16-bit UUIDs of the GATT services and characteristics the home unit uses (Bluetooth SIG Assigned Numbers,
    /// sections 3.4 "Services" and 3.8 "Characteristics").
    /// </summary>
    public static class GattUuids
    {
        /// <summary>Glucose service.</summary>
        public const ushort GlucoseService = 0x1808;

        /// <summary>Pulse Oximeter service.</summary>
        public const ushort PulseOximeterService = 0x1822;

        /// <summary>Weight Scale service.</summary>
        public const ushort WeightScaleService = 0x181D;

        /// <summary>Blood Pressure service.</summary>
        public const ushort BloodPressureService = 0x1810;

        /// <summary>Battery service.</summary>
        public const ushort BatteryService = 0x180F;

        /// <summary>Device Information service.</summary>
        public const ushort DeviceInformationService = 0x180A;

        /// <summary>Current Time service.</summary>
        public const ushort CurrentTimeService = 0x1805;

        /// <summary>Date Time.</summary>
        public const ushort DateTime = 0x2A08;

        /// <summary>Battery Level.</summary>
        public const ushort BatteryLevel = 0x2A19;

        /// <summary>System ID.</summary>
        public const ushort SystemId = 0x2A23;

        /// <summary>Model Number String.</summary>
        public const ushort ModelNumber = 0x2A24;

        /// <summary>Serial Number String.</summary>
        public const ushort SerialNumber = 0x2A25;

        /// <summary>Firmware Revision String.</summary>
        public const ushort FirmwareRevision = 0x2A26;

        /// <summary>Hardware Revision String.</summary>
        public const ushort HardwareRevision = 0x2A27;

        /// <summary>Software Revision String.</summary>
        public const ushort SoftwareRevision = 0x2A28;

        /// <summary>Manufacturer Name String.</summary>
        public const ushort ManufacturerName = 0x2A29;

        /// <summary>Current Time.</summary>
        public const ushort CurrentTime = 0x2A2B;

        /// <summary>Glucose Measurement.</summary>
        public const ushort GlucoseMeasurement = 0x2A18;

        /// <summary>Glucose Measurement Context.</summary>
        public const ushort GlucoseMeasurementContext = 0x2A34;

        /// <summary>Blood Pressure Measurement.</summary>
        public const ushort BloodPressureMeasurement = 0x2A35;

        /// <summary>Intermediate Cuff Pressure.</summary>
        public const ushort IntermediateCuffPressure = 0x2A36;

        /// <summary>Glucose Feature.</summary>
        public const ushort GlucoseFeature = 0x2A51;

        /// <summary>Record Access Control Point.</summary>
        public const ushort RecordAccessControlPoint = 0x2A52;

        /// <summary>PLX Spot-check Measurement.</summary>
        public const ushort PlxSpotCheckMeasurement = 0x2A5E;

        /// <summary>PLX Continuous Measurement.</summary>
        public const ushort PlxContinuousMeasurement = 0x2A5F;

        /// <summary>PLX Features.</summary>
        public const ushort PlxFeatures = 0x2A60;

        /// <summary>Weight Measurement.</summary>
        public const ushort WeightMeasurement = 0x2A9D;

        /// <summary>Weight Scale Feature.</summary>
        public const ushort WeightScaleFeature = 0x2A9E;
    }
}
