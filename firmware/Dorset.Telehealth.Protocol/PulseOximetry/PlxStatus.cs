namespace Dorset.Telehealth.Protocol.PulseOximetry
{
    /// <summary>PLX measurement status and device/sensor status bits (PLXS 1.0, 3.1.1.3-4).</summary>
    public static class PlxStatus
    {
        /// <summary>Measurement status bit 9: the record came from the device's storage.</summary>
        public const int FromStorage = 1 << 9;

        /// <summary>Bits of the measurement status that make a value not patient data (10, 11, 13, 14, 15).</summary>
        public const int NotPatientDataBits = (1 << 10) | (1 << 11) | (1 << 13) | (1 << 14) | (1 << 15);

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
