using System;
using System.CommandLine;
using System.Globalization;
using Dorset.Telehealth.Emulator.VirtualDevices;

namespace Dorset.Telehealth.Emulator.Commands;

/// <summary>
/// `--week-end YYYY-MM-DDTHH:MM[:SS]`, shared by `unit` and `fleet`: when the scripted week ends, in UK civil time (what
/// the device clocks show). The same seed and week end give the same readings, so a restarted emulator must be given
/// the same week end. Default: <see cref="ReadingScript.DefaultWeekEnd"/>.
/// </summary>
public static class WeekEndOption
{
    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm"];

    /// <summary>A new option (one per command).</summary>
    public static Option<string?> Create() => new("--week-end")
    {
        Description = "When the scripted week ends, UK civil time (the device clocks' time), e.g. 2026-12-01T09:00:00; "
            + $"default {Text(ReadingScript.DefaultWeekEnd)}.",
    };

    /// <summary>The week end <paramref name="text"/> names, the default when it is null; false when it is not a civil date-time.</summary>
    public static bool TryParse(string? text, out DateTime weekEnd)
    {
        if (text == null)
        {
            weekEnd = ReadingScript.DefaultWeekEnd;
            return true;
        }

        return DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out weekEnd);
    }

    /// <summary>The option's value for <paramref name="weekEnd"/>, to the second, e.g. 2026-12-01T09:00:00.</summary>
    public static string Text(DateTime weekEnd) => weekEnd.ToString(Formats[0], CultureInfo.InvariantCulture);

    /// <summary>What is wrong with a malformed value (the verb prefixes it on stderr).</summary>
    public const string Problem = "--week-end must be a civil date-time such as 2026-12-01T09:00:00";
}
