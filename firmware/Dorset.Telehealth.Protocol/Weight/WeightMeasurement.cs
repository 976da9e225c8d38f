using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.Time;

namespace Dorset.Telehealth.Protocol.Weight
{
    /// <summary>
    /// A Weight Measurement 0x2A9D (WSS 1.0, 3.2). The fixed-point fields are kept raw, as sent, and offered as exact
    /// decimals: weight 0.005 kg or 0.01 lb per step, BMI 0.1 kg/m2, height 0.001 m or 0.1 in.
    /// </summary>
    public sealed class WeightMeasurement
    {
        /// <summary>The raw weight value meaning "measurement unsuccessful".</summary>
        public const int Unsuccessful = 0xFFFF;

        /// <summary>True for imperial units (lb, in), false for SI (kg, m).</summary>
        public bool Imperial { get; set; }

        /// <summary>The raw 16-bit weight.</summary>
        public int RawWeight { get; set; }

        /// <summary>True when a timestamp is present.</summary>
        public bool HasTimestamp { get; set; }

        /// <summary>The scale's time of the measurement.</summary>
        public DeviceTime Timestamp { get; set; }

        /// <summary>True when the timestamp the device sent is no valid date or time: <see cref="Timestamp"/> is then null and the value is kept.</summary>
        public bool TimestampInvalid { get; set; }

        /// <summary>True when a user id is present.</summary>
        public bool HasUserId { get; set; }

        /// <summary>The scale's user index (255 = unknown user).</summary>
        public int UserId { get; set; }

        /// <summary>True when BMI and height are present.</summary>
        public bool HasBmiAndHeight { get; set; }

        /// <summary>The raw BMI (0.1 kg/m2 per step).</summary>
        public int RawBmi { get; set; }

        /// <summary>The raw height (0.001 m or 0.1 in per step).</summary>
        public int RawHeight { get; set; }

        /// <summary>True when the scale reported that the measurement failed.</summary>
        public bool IsUnsuccessful
        {
            get { return RawWeight == Unsuccessful; }
        }

        /// <summary>The weight in kg or lb, exact; not a number when unsuccessful.</summary>
        public MedicalFloat Weight
        {
            get
            {
                if (IsUnsuccessful)
                {
                    return MedicalFloat.NaN;
                }

                return Imperial ? new MedicalFloat(RawWeight, -2) : new MedicalFloat(RawWeight * 5, -3);
            }
        }

        /// <summary>BMI in kg/m2.</summary>
        public MedicalFloat Bmi
        {
            get { return new MedicalFloat(RawBmi, -1); }
        }

        /// <summary>Height in m or in.</summary>
        public MedicalFloat Height
        {
            get { return Imperial ? new MedicalFloat(RawHeight, -1) : new MedicalFloat(RawHeight, -3); }
        }
    }
}
