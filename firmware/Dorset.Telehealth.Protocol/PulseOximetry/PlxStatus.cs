namespace Dorset.Telehealth.Protocol.PulseOximetry
{
    /// <summary>PLX measurement status and device/sensor status bits (PLXS 1.0, 3.1.1.3-4).</summary>
    public static class PlxStatus
    {
        /// <summary>Measurement status bit 9: the record came from the device's storage.</summary>
        public const int FromStorage = 1 << 9;

        /// <summary>Measurement status bit 10: demonstration data.</summary>
        public const int DemonstrationData = 1 << 10;

        /// <summary>Measurement status bit 11: testing data.</summary>
        public const int TestingData = 1 << 11;

        /// <summary>Measurement status bit 12: calibration ongoing.</summary>
        public const int CalibrationOngoing = 1 << 12;

        /// <summary>Measurement status bit 13: measurement unavailable.</summary>
        public const int MeasurementUnavailable = 1 << 13;

        /// <summary>Measurement status bit 14: questionable measurement.</summary>
        public const int Questionable = 1 << 14;

        /// <summary>Measurement status bit 15: invalid measurement.</summary>
        public const int Invalid = 1 << 15;

        /// <summary>Bits of the measurement status that make a value not patient data (10, 11, 13, 14, 15).</summary>
        public const int NotPatientDataBits = DemonstrationData | TestingData | MeasurementUnavailable | Questionable | Invalid;

        /// <summary>Names of measurement status bits 0..15 (bits 0..4 are reserved).</summary>
        public static readonly string[] MeasurementStatusNames =
        {
            string.Empty, string.Empty, string.Empty, string.Empty, string.Empty,
            "measurementOngoing", "earlyEstimatedData", "validatedData", "fullyQualifiedData", "dataFromMeasurementStorage",
            "dataForDemonstration", "dataForTesting", "calibrationOngoing", "measurementUnavailable",
            "questionableMeasurement", "invalidMeasurement",
        };

        /// <summary>Names of device and sensor status bits 0..15.</summary>
        public static readonly string[] DeviceSensorStatusNames =
        {
            "extendedDisplayUpdateOngoing", "equipmentMalfunction", "signalProcessingIrregularity", "inadequateSignal",
            "poorSignal", "lowPerfusion", "erraticSignal", "nonpulsatileSignal", "questionablePulse",
            "signalAnalysisOngoing", "sensorInterference", "sensorUnconnectedToUser", "unknownSensorConnected",
            "sensorDisplaced", "sensorMalfunctioning", "sensorDisconnected",
        };
    }
}
