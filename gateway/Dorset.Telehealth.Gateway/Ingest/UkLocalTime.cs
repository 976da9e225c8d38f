using System;

namespace Dorset.Telehealth.Gateway.Ingest;

/// <summary>
/// UK civil time, which device clocks keep (the unit sets them from SNTP; firmware/PROTOCOL.md). Written from the rule
/// itself (BST from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October, UK law since
/// 1996) so that a hub without tzdata cannot misplace a reading. Like the cloud: the autumn repeated hour is read as BST
/// (the earlier instant), and the spring gap as GMT (a device that has not changed its clock yet).
/// </summary>
public static class UkLocalTime
{
    private static readonly TimeSpan s_summerOffset = TimeSpan.FromHours(1);

    /// <summary>The instant of a UK wall-clock time.</summary>
    public static DateTimeOffset ToUtc(DateTime local)
    {
        var asSummer = DateTime.SpecifyKind(local - s_summerOffset, DateTimeKind.Utc);
        return new DateTimeOffset(IsSummerTime(asSummer) ? asSummer : DateTime.SpecifyKind(local, DateTimeKind.Utc), TimeSpan.Zero);
    }

    /// <summary>The UK wall-clock time at <paramref name="utc"/>.</summary>
    public static DateTime FromUtc(DateTimeOffset utc)
    {
        DateTime u = utc.UtcDateTime;
        return DateTime.SpecifyKind(IsSummerTime(u) ? u + s_summerOffset : u, DateTimeKind.Unspecified);
    }

    private static bool IsSummerTime(DateTime utc) => utc >= ChangeAt(utc.Year, 3) && utc < ChangeAt(utc.Year, 10);

    private static DateTime ChangeAt(int year, int month)
    {
        var last = new DateTime(year, month, DateTime.DaysInMonth(year, month), 1, 0, 0, DateTimeKind.Utc);
        return last.AddDays(-(int)last.DayOfWeek);
    }
}
