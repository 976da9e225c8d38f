using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.Time;

namespace Dorset.Telehealth.Protocol.BloodPressure
{
    /// <summary>
    /// A Blood Pressure Measurement 0x2A35 or Intermediate Cuff Pressure 0x2A36 (BLS 1.1, 3.1-3.2; same layout).
    /// Error records from stored memory come as all-NaN pressures and are kept, marked by <see cref="IsErrorRecord"/>.
    /// </summary>
    public sealed class BloodPressureMeasurement
    {
        /// <summary>True when the pressures are in kPa, false for mmHg.</summary>
        public bool Kilopascals { get; set; }

        /// <summary>Systolic pressure (the cuff pressure for intermediate readings).</summary>
        public MedicalFloat Systolic { get; set; }

        /// <summary>Diastolic pressure (NaN for intermediate readings).</summary>
        public MedicalFloat Diastolic { get; set; }

        /// <summary>Mean arterial pressure (NaN for intermediate readings).</summary>
        public MedicalFloat MeanArterialPressure { get; set; }

        /// <summary>True when a timestamp is present.</summary>
        public bool HasTimestamp { get; set; }

        /// <summary>The cuff's time of the measurement.</summary>
        public DeviceTime Timestamp { get; set; }

        /// <summary>True when the timestamp the device sent is no valid date or time: <see cref="Timestamp"/> is then null and the value is kept.</summary>
        public bool TimestampInvalid { get; set; }

        /// <summary>True when a pulse rate is present.</summary>
        public bool HasPulseRate { get; set; }

        /// <summary>Pulse rate in beats per minute.</summary>
        public MedicalFloat PulseRate { get; set; }

        /// <summary>True when a user id is present.</summary>
        public bool HasUserId { get; set; }

        /// <summary>The cuff's user index (255 = unknown user).</summary>
        public int UserId { get; set; }

        /// <summary>True when the measurement status is present.</summary>
        public bool HasMeasurementStatus { get; set; }

        /// <summary>Measurement status bits (<see cref="Names"/>).</summary>
        public int MeasurementStatus { get; set; }

        /// <summary>Names of measurement status bits 0..5 (bits 3-4 form the pulse rate range field).</summary>
        public static readonly string[] Names =
        {
            "bodyMovement", "cuffTooLoose", "irregularPulse", "pulseRateExceedsUpperLimit", "pulseRateBelowLowerLimit",
            "improperMeasurementPosition",
        };

        /// <summary>True when none of the three pressures is a number: an error record the cuff stored.</summary>
        public bool IsErrorRecord
        {
            get { return !Systolic.IsNumber && !Diastolic.IsNumber && !MeanArterialPressure.IsNumber; }
        }
    }
}
