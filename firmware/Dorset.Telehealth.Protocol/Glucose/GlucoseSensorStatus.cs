namespace Dorset.Telehealth.Protocol.Glucose
{
    /// <summary>Sensor Status Annunciation bits of a Glucose Measurement (GLS 1.0, 3.106.3).</summary>
    public static class GlucoseSensorStatus
    {
        /// <summary>Device battery low at time of measurement.</summary>
        public const int BatteryLow = 1 << 0;

        /// <summary>Sensor malfunction or faulting at time of measurement.</summary>
        public const int SensorMalfunction = 1 << 1;

        /// <summary>Sample size insufficient.</summary>
        public const int SampleSizeInsufficient = 1 << 2;

        /// <summary>Strip insertion error.</summary>
        public const int StripInsertionError = 1 << 3;

        /// <summary>Strip type incorrect.</summary>
        public const int WrongStripType = 1 << 4;

        /// <summary>Result higher than the device can process.</summary>
        public const int ResultTooHigh = 1 << 5;

        /// <summary>Result lower than the device can process.</summary>
        public const int ResultTooLow = 1 << 6;

        /// <summary>Sensor temperature too high.</summary>
        public const int TemperatureTooHigh = 1 << 7;

        /// <summary>Sensor temperature too low.</summary>
        public const int TemperatureTooLow = 1 << 8;

        /// <summary>Sensor read interrupted because the strip was pulled too soon.</summary>
        public const int ReadInterrupted = 1 << 9;

        /// <summary>General device fault.</summary>
        public const int GeneralFault = 1 << 10;

        /// <summary>Time fault: the sensor's clock may be wrong.</summary>
        public const int TimeFault = 1 << 11;

        /// <summary>Bits that make the value itself unusable (a malfunction, not a flag on a valid value).</summary>
        public const int InvalidatingBits = SensorMalfunction | SampleSizeInsufficient | StripInsertionError | WrongStripType
            | TemperatureTooHigh | TemperatureTooLow | ReadInterrupted | GeneralFault;

        /// <summary>Names of bits 0..11, for logs and JSON.</summary>
        public static readonly string[] Names =
        {
            "batteryLow", "sensorMalfunction", "sampleSizeInsufficient", "stripInsertionError", "wrongStripType",
            "resultTooHigh", "resultTooLow", "temperatureTooHigh", "temperatureTooLow", "readInterrupted",
            "generalDeviceFault", "timeFault",
        };
    }
}
