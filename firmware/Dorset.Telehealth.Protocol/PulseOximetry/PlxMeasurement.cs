using Dorset.Telehealth.Protocol.Numbers;

namespace Dorset.Telehealth.Protocol.PulseOximetry
{
    /// <summary>
    /// What PLX Spot-check 0x2A5E and PLX Continuous 0x2A5F measurements share (PLXS 1.0, 3.1-3.2): SpO2 and pulse rate,
    /// and the optional measurement status, device and sensor status, and pulse amplitude index.
    /// </summary>
    public abstract class PlxMeasurement
    {
        /// <summary>SpO2 in percent, exact as sent.</summary>
        public MedicalFloat SpO2 { get; set; }

        /// <summary>Pulse rate in beats per minute.</summary>
        public MedicalFloat PulseRate { get; set; }

        /// <summary>True when the measurement status is present.</summary>
        public bool HasMeasurementStatus { get; set; }

        /// <summary>Measurement status bits (<see cref="PlxStatus"/>).</summary>
        public int MeasurementStatus { get; set; }

        /// <summary>True when the device and sensor status is present.</summary>
        public bool HasDeviceSensorStatus { get; set; }

        /// <summary>Device and sensor status, 24 bits (<see cref="PlxStatus"/>).</summary>
        public int DeviceSensorStatus { get; set; }

        /// <summary>True when the pulse amplitude index is present.</summary>
        public bool HasPulseAmplitudeIndex { get; set; }

        /// <summary>Pulse amplitude index in percent.</summary>
        public MedicalFloat PulseAmplitudeIndex { get; set; }

        /// <summary>
        /// True when the device says the value must not be used as patient data: invalid, questionable, unavailable,
        /// demonstration or testing data (PLXS measurement status bits 10, 11, 13, 14, 15).
        /// </summary>
        public bool IsNotPatientData
        {
            get { return HasMeasurementStatus && (MeasurementStatus & PlxStatus.NotPatientDataBits) != 0; }
        }
    }
}
