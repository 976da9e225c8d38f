using System;
using System.IO;
using Dorset.Telehealth.Emulator.Commands;
using Dorset.Telehealth.Emulator.VirtualDevices;
using Dorset.Telehealth.HomeUnit.Time;

namespace Dorset.Telehealth.Demo.Provisioning;

/// <summary>
/// When the fleet's scripted week ends, in UK civil time (what the device clocks show). It is chosen once, when a data
/// directory is provisioned, as "now" to the minute, so the newest readings are current and sound; and it is kept in
/// the directory, because the same seed and week end give the same readings with the same keys: a restarted demo
/// resumes its week instead of sending a second one.
/// </summary>
public static class DemoWeekEnd
{
    /// <summary>Chooses the week end for <paramref name="utcNow"/> (UK civil time, rounded down to the minute) and stores it.</summary>
    public static DateTime Choose(PipelineLayout layout, DateTime utcNow)
    {
        DateTime civil = UkCivilTime.FromUtc(utcNow);
        var weekEnd = new DateTime(civil.Year, civil.Month, civil.Day, civil.Hour, civil.Minute, 0, DateTimeKind.Unspecified);
        File.WriteAllText(layout.WeekEndFile, Text(weekEnd) + "\n");
        return weekEnd;
    }

    /// <summary>
    /// The stored week end; a directory from a demo that predates the file ran the script's default week, and keeps it.
    /// </summary>
    /// <exception cref="InvalidDataException">The file holds something else than a civil date-time.</exception>
    public static DateTime Read(PipelineLayout layout)
    {
        if (!File.Exists(layout.WeekEndFile))
        {
            File.WriteAllText(layout.WeekEndFile, Text(ReadingScript.DefaultWeekEnd) + "\n");
            return ReadingScript.DefaultWeekEnd;
        }

        string text = File.ReadAllText(layout.WeekEndFile).Trim();
        return WeekEndOption.TryParse(text, out DateTime weekEnd)
            ? weekEnd
            : throw new InvalidDataException($"{layout.WeekEndFile}: '{text}' is not a date-time like 2026-12-01T09:00:00");
    }

    /// <summary>The emulator's `--week-end` value.</summary>
    public static string Text(DateTime weekEnd) => WeekEndOption.Text(weekEnd);
}
