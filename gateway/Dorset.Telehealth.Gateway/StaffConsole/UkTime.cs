using System;
using System.Globalization;
using Dorset.Telehealth.Gateway.Ingest;

namespace Dorset.Telehealth.Gateway.StaffConsole;

/// <summary>Times as hub staff read them: UK civil time (stored in UTC), with "today"-style ages.</summary>
public static class UkTime
{
    /// <summary>e.g. "Tue 1 Dec 09:15".</summary>
    public static string Show(DateTimeOffset utc) => UkLocalTime.FromUtc(utc).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);

    /// <summary>e.g. "2 h 5 min ago".</summary>
    public static string Ago(DateTimeOffset utc, DateTimeOffset nowUtc) =>
        Dorset.Telehealth.Clinical.Alerts.LateReading.Age((int)Math.Max(0, (nowUtc - utc).TotalMinutes)) + " ago";
}
