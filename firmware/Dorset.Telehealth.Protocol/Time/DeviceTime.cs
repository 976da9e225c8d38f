using System;
using Dorset.Telehealth.Protocol.Decoding;

namespace Dorset.Telehealth.Protocol.Time
{
    /// <summary>
    /// A civil date and time as a device reports it in the Date Time characteristic 0x2A08 (GATT Specification
    /// Supplement, 3.70): year, month and day may each be 0, meaning "not known". No time zone is implied.
    /// </summary>
    public sealed class DeviceTime
    {
        /// <summary>Encoded size in bytes.</summary>
        public const int Size = 7;

        private const int FirstValidYear = 1582;
        private const int LastValidYear = 9999;

        /// <summary>Creates a device time; 0 in year, month or day means unknown.</summary>
        /// <exception cref="ArgumentOutOfRangeException">A field is outside its range (see <see cref="TryValidate"/>).</exception>
        public DeviceTime(int year, int month, int day, int hours, int minutes, int seconds)
        {
            Year = year;
            Month = month;
            Day = day;
            Hours = hours;
            Minutes = minutes;
            Seconds = seconds;
            DecodeFailure failure;
            if (!TryValidate(year, month, day, hours, minutes, seconds, out failure))
            {
                throw new ArgumentOutOfRangeException(failure.Field, failure.Message);
            }
        }

        /// <summary>Year 1582..9999, or 0 when unknown.</summary>
        public int Year { get; private set; }

        /// <summary>Month 1..12, or 0 when unknown.</summary>
        public int Month { get; private set; }

        /// <summary>Day of month 1..31, or 0 when unknown.</summary>
        public int Day { get; private set; }

        /// <summary>Hours 0..23.</summary>
        public int Hours { get; private set; }

        /// <summary>Minutes 0..59.</summary>
        public int Minutes { get; private set; }

        /// <summary>Seconds 0..59.</summary>
        public int Seconds { get; private set; }

        /// <summary>True when year, month and day are all known, so the value is a point in time.</summary>
        public bool IsKnown { get { return Year != 0 && Month != 0 && Day != 0; } }

        /// <summary>Creates a device time from a <see cref="DateTime"/> (its kind is ignored: device times are civil).</summary>
        public static DeviceTime FromDateTime(DateTime value)
        {
            return new DeviceTime(value.Year, value.Month, value.Day, value.Hour, value.Minute, value.Second);
        }

        /// <summary>The time as a <see cref="DateTime"/> of unspecified kind.</summary>
        /// <exception cref="InvalidOperationException">The date is not known.</exception>
        public DateTime ToDateTime()
        {
            if (!IsKnown)
            {
                throw new InvalidOperationException("the device did not send a date");
            }

            return new DateTime(Year, Month, Day, Hours, Minutes, Seconds);
        }

        /// <summary>ISO-8601 local date-time ("2024-01-30T05:58:27"), or null when the date is unknown.</summary>
        public string ToIsoString()
        {
            if (!IsKnown)
            {
                return null;
            }

            return Year.ToString("D4") + "-" + Month.ToString("D2") + "-" + Day.ToString("D2") + "T"
                + Hours.ToString("D2") + ":" + Minutes.ToString("D2") + ":" + Seconds.ToString("D2");
        }

        /// <summary>
        /// Reads the 7-byte Date Time layout. The caller has already required <see cref="Size"/> bytes.
        /// <paramref name="field"/> prefixes the name of a bad part, e.g. "baseTime.month".
        /// </summary>
        public static bool TryRead(ref GattReader reader, string field, out DeviceTime time, out DecodeFailure failure)
        {
            int year = reader.ReadUInt16();
            int month = reader.ReadUInt8();
            int day = reader.ReadUInt8();
            int hours = reader.ReadUInt8();
            int minutes = reader.ReadUInt8();
            int seconds = reader.ReadUInt8();
            if (!TryValidate(year, month, day, hours, minutes, seconds, out failure))
            {
                failure = new DecodeFailure(failure.Status, field + "." + failure.Field, field + "." + failure.Message);
                time = null;
                return false;
            }

            time = new DeviceTime(year, month, day, hours, minutes, seconds);
            return true;
        }

        /// <summary>
        /// Reads the 7-byte layout of a measurement's own timestamp, where a bad time must not cost the value: a time that
        /// is no valid date (a reserved year, a 13th month, 25 o'clock) gives null with <paramref name="invalid"/> true,
        /// and the measurement is kept, to be timed by its receipt. The caller has already required <see cref="Size"/> bytes.
        /// </summary>
        public static DeviceTime ReadTimestamp(ref GattReader reader, out bool invalid)
        {
            DeviceTime time;
            DecodeFailure failure;
            invalid = !TryRead(ref reader, "timestamp", out time, out failure);
            return time;
        }

        /// <summary>Writes the 7-byte Date Time layout.</summary>
        public void Write(GattWriter writer)
        {
            writer.WriteUInt16(Year);
            writer.WriteUInt8(Month);
            writer.WriteUInt8(Day);
            writer.WriteUInt8(Hours);
            writer.WriteUInt8(Minutes);
            writer.WriteUInt8(Seconds);
        }

        /// <inheritdoc/>
        public override bool Equals(object obj)
        {
            var other = obj as DeviceTime;
            return other != null && other.Year == Year && other.Month == Month && other.Day == Day
                && other.Hours == Hours && other.Minutes == Minutes && other.Seconds == Seconds;
        }

        /// <inheritdoc/>
        public override int GetHashCode()
        {
            return ((((Year * 13 + Month) * 32 + Day) * 24 + Hours) * 60 + Minutes) * 60 + Seconds;
        }

        /// <inheritdoc/>
        public override string ToString()
        {
            return IsKnown ? ToIsoString() : "unknown date";
        }

        private static bool TryValidate(int year, int month, int day, int hours, int minutes, int seconds, out DecodeFailure failure)
        {
            if (year != 0 && (year < FirstValidYear || year > LastValidYear))
            {
                failure = DecodeFailure.OutOfRange("year", year, "0 or 1582..9999");
            }
            else if (month > 12 || month < 0)
            {
                failure = DecodeFailure.OutOfRange("month", month, "0..12");
            }
            else if (day < 0 || day > DaysIn(year, month))
            {
                failure = DecodeFailure.OutOfRange("day", day, "0.." + DaysIn(year, month));
            }
            else if (hours < 0 || hours > 23)
            {
                failure = DecodeFailure.OutOfRange("hours", hours, "0..23");
            }
            else if (minutes < 0 || minutes > 59)
            {
                failure = DecodeFailure.OutOfRange("minutes", minutes, "0..59");
            }
            else if (seconds < 0 || seconds > 59)
            {
                failure = DecodeFailure.OutOfRange("seconds", seconds, "0..59");
            }
            else
            {
                failure = null;
            }

            return failure == null;
        }

        // Days in the month, or 31 while month or year is unknown (the specification allows any day 1..31 then).
        private static int DaysIn(int year, int month)
        {
            switch (month)
            {
                case 4:
                case 6:
                case 9:
                case 11:
                    return 30;
                case 2:
                    if (year == 0)
                    {
                        return 29;
                    }

                    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
                    return leap ? 29 : 28;
                default:
                    return 31;
            }
        }
    }
}
