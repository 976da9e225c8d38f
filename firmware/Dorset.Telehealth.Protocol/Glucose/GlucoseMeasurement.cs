using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.Time;

namespace Dorset.Telehealth.Protocol.Glucose
{
    /// <summary>
    /// A Glucose Measurement 0x2A18 record (GLS 1.0, 3.106). Optional parts carry a Has flag, as the flags byte does;
    /// type and location are the raw nibbles (<see cref="GlucoseSampleTypes"/>).
    /// </summary>
    public sealed class GlucoseMeasurement
    {
        /// <summary>The meter's record number, the key RACP filters on.</summary>
        public int Sequence { get; set; }

        /// <summary>The meter's clock when it took the sample, or null when what it sent is no valid time.</summary>
        public DeviceTime BaseTime { get; set; }

        /// <summary>True when the base time the meter sent is no valid date or time (the value is kept).</summary>
        public bool BaseTimeInvalid { get; set; }

        /// <summary>
        /// True when the record's time cannot be used: the base time is invalid, or the offset takes it outside the
        /// years a Date Time holds. The reading is then timed by its receipt and marked.
        /// </summary>
        public bool TimeInvalid
        {
            get { return BaseTimeInvalid || (BaseTime != null && Time == null); }
        }

        /// <summary>True when a time offset is present.</summary>
        public bool HasTimeOffset { get; set; }

        /// <summary>Minutes to add to <see cref="BaseTime"/> for the user-facing time (signed).</summary>
        public int TimeOffsetMinutes { get; set; }

        /// <summary>True when concentration, unit, type and location are present.</summary>
        public bool HasConcentration { get; set; }

        /// <summary>The concentration, exact as sent.</summary>
        public MedicalFloat Concentration { get; set; }

        /// <summary>The unit of <see cref="Concentration"/>.</summary>
        public GlucoseConcentrationUnit Unit { get; set; }

        /// <summary>Sample type, 1..10 (10 = control solution); other values are reserved and kept as sent.</summary>
        public int Type { get; set; }

        /// <summary>Sample location, 1..4 or 15 (not available); other values reserved.</summary>
        public int Location { get; set; }

        /// <summary>True when a sensor status annunciation is present.</summary>
        public bool HasSensorStatus { get; set; }

        /// <summary>Sensor status annunciation bits (<see cref="GlucoseSensorStatus"/>).</summary>
        public int SensorStatus { get; set; }

        /// <summary>True when a Glucose Measurement Context with the same sequence follows.</summary>
        public bool ContextFollows { get; set; }

        /// <summary>True when the sample is control solution (type 10 or location 4): never a patient reading.</summary>
        public bool IsControlSolution
        {
            get { return HasConcentration && (Type == GlucoseSampleTypes.ControlSolution || Location == GlucoseSampleTypes.LocationControlSolution); }
        }

        /// <summary>
        /// The user-facing time: base time plus the offset (the base time alone when there is no offset), or null when
        /// the base time is invalid or the sum falls outside the years a Date Time can hold.
        /// </summary>
        public DeviceTime Time
        {
            get
            {
                if (BaseTime == null || !HasTimeOffset || TimeOffsetMinutes == 0 || !BaseTime.IsKnown)
                {
                    return BaseTime;
                }

                try
                {
                    return DeviceTime.FromDateTime(BaseTime.ToDateTime().AddMinutes(TimeOffsetMinutes));
                }
                catch (System.ArgumentOutOfRangeException)
                {
                    // The offset leaves the years a Date Time can hold (before 1582 or after 9999): no usable time.
                    return null;
                }
            }
        }

        /// <summary>
        /// The concentration in mg/dL, exact, when the meter sent kg/L (x 10^5); otherwise not a number, because
        /// converting from mol/L needs the molar mass and is not exact.
        /// </summary>
        public MedicalFloat MilligramsPerDecilitre
        {
            get { return HasConcentration && Unit == GlucoseConcentrationUnit.KilogramsPerLitre ? Concentration.ScaleByPowerOfTen(5) : MedicalFloat.NaN; }
        }

        /// <summary>The concentration in mmol/L, exact, when the meter sent mol/L (x 10^3); otherwise not a number.</summary>
        public MedicalFloat MillimolesPerLitre
        {
            get { return HasConcentration && Unit == GlucoseConcentrationUnit.MolesPerLitre ? Concentration.ScaleByPowerOfTen(3) : MedicalFloat.NaN; }
        }
    }
}
