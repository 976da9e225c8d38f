namespace Dorset.Telehealth.Protocol.Time
{
    /// <summary>
    /// The Current Time characteristic 0x2A2B (Current Time Service 1.1, 3.1): Exact Time 256 (Date Time, day of week,
    /// fractions of a second in 1/256) followed by the adjust reason.
    /// </summary>
    public sealed class CurrentTime
    {
        /// <summary>Encoded size in bytes.</summary>
        public const int Size = 10;

        /// <summary>Creates a current-time value.</summary>
        public CurrentTime(DeviceTime time, int dayOfWeek, int fractions256, CurrentTimeAdjustReason adjustReason)
        {
            Time = time;
            DayOfWeek = dayOfWeek;
            Fractions256 = fractions256;
            AdjustReason = adjustReason;
        }

        /// <summary>The date and time.</summary>
        public DeviceTime Time { get; private set; }

        /// <summary>1 Monday .. 7 Sunday; 0 unknown.</summary>
        public int DayOfWeek { get; private set; }

        /// <summary>Fractions of a second, in 1/256 s.</summary>
        public int Fractions256 { get; private set; }

        /// <summary>Why the clock was last adjusted.</summary>
        public CurrentTimeAdjustReason AdjustReason { get; private set; }

        /// <inheritdoc/>
        public override bool Equals(object obj)
        {
            var other = obj as CurrentTime;
            return other != null && other.Time.Equals(Time) && other.DayOfWeek == DayOfWeek
                && other.Fractions256 == Fractions256 && other.AdjustReason == AdjustReason;
        }

        /// <inheritdoc/>
        public override int GetHashCode()
        {
            return Time.GetHashCode() ^ (DayOfWeek << 8) ^ Fractions256;
        }
    }
}
