using System;
using System.Globalization;

namespace Dorset.Telehealth.Gateway.Ingest;

/// <summary>
/// When a reading was taken, as the alert rules place it: the device's own time (UK civil time) when it sent one,
/// else the unit's receipt time, else the hub's; and the UK calendar date of that instant.
/// </summary>
public static class ReadingTimes
{
    /// <summary>The instant a reading was taken.</summary>
    public static DateTimeOffset TakenUtc(IncomingReading reading, DateTimeOffset receivedUtc)
    {
        if (reading.DeviceTime != null
            && DateTime.TryParseExact(reading.DeviceTime, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime local))
        {
            return UkLocalTime.ToUtc(local);
        }

        if (reading.UnitReceiptTime != null
            && DateTimeOffset.TryParse(reading.UnitReceiptTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset unit))
        {
            return unit;
        }

        return receivedUtc;
    }

    /// <summary>The UK calendar date of <paramref name="takenUtc"/>.</summary>
    public static DateOnly LocalDate(DateTimeOffset takenUtc) => DateOnly.FromDateTime(UkLocalTime.FromUtc(takenUtc));
}
