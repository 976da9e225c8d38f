using System;

namespace Dorset.Telehealth.HomeUnit.Time
{
    /// <summary>
    /// UK civil time from UTC: GMT, or BST (UTC+1) from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
    /// Sunday of October. Device clocks show civil time, because that is what the patient reads on the meter.
    /// </summary>
    public static class UkCivilTime
    {
        /// <summary>The civil time at <paramref name="utc"/>.</summary>
        public static DateTime FromUtc(DateTime utc)
        {
            DateTime start = LastSundayOneAm(utc.Year, 3);
            DateTime end = LastSundayOneAm(utc.Year, 10);
            return utc >= start && utc < end ? utc.AddHours(1) : utc;
        }

        private static DateTime LastSundayOneAm(int year, int month)
        {
            var day = new DateTime(year, month, DateTime.DaysInMonth(year, month), 1, 0, 0);
            while (day.DayOfWeek != DayOfWeek.Sunday)
            {
                day = day.AddDays(-1);
            }

            return day;
        }
    }
}
