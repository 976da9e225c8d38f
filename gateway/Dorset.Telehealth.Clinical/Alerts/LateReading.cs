using System;
using System.Globalization;

namespace Dorset.Telehealth.Clinical.Alerts;

/// <summary>
/// A reading that waited in an outbox backlog (a unit out of Wi-Fi for a day, a meter read when it came back in range)
/// is judged in its own time, and its alert says plainly how old it is, so that nobody takes a hypo from yesterday
/// for one happening now.
/// </summary>
public static class LateReading
{
    /// <summary><paramref name="outcome"/> marked late by <paramref name="minutes"/>.</summary>
    public static RuleOutcome Mark(RuleOutcome outcome, int minutes)
    {
        return outcome with
        {
            Summary = $"LATE reading, taken {Age(minutes)} before it reached the hub: {outcome.Summary}",
            LateMinutes = minutes,
        };
    }

    /// <summary>e.g. "2 d 3 h", "5 h 12 min", "45 min".</summary>
    public static string Age(int minutes)
    {
        var span = TimeSpan.FromMinutes(minutes);
        return span.TotalDays >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} d {span.Hours} h")
            : span.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min")
            : string.Create(CultureInfo.InvariantCulture, $"{minutes} min");
    }
}
