using System;
using System.Globalization;
using System.IO;

namespace Dorset.Telehealth.Emulator.VirtualDevices;

/// <summary>
/// When the patient takes each scripted reading: all before the unit starts (<see cref="AllAtOnce"/>), or evenly
/// over <see cref="Over"/> from <see cref="Start"/>, the last at its end, so a long run has readings arriving
/// throughout rather than a burst at the beginning. A paced home keeps its start in its state directory, so a unit
/// killed and started again continues the same schedule instead of beginning it anew.
/// </summary>
public sealed class ReadingRelease(DateTimeOffset start, TimeSpan over)
{
    private const string StateFile = "virtual-home-release.txt";

    /// <summary>Every reading taken before the unit starts (the default).</summary>
    public static ReadingRelease AllAtOnce { get; } = new(DateTimeOffset.MinValue, TimeSpan.Zero);

    /// <summary>When the first reading's interval began.</summary>
    public DateTimeOffset Start { get; } = start;

    /// <summary>The span the readings are spread over; zero for all at once.</summary>
    public TimeSpan Over { get; } = over;

    /// <summary>
    /// <see cref="AllAtOnce"/> for a zero <paramref name="over"/>; else the schedule whose start is kept in
    /// <paramref name="stateDirectory"/>, begun at <paramref name="now"/> when none is kept yet.
    /// </summary>
    public static ReadingRelease InState(string stateDirectory, TimeSpan over, DateTimeOffset now)
    {
        if (over <= TimeSpan.Zero)
        {
            return AllAtOnce;
        }

        string path = Path.Combine(stateDirectory, StateFile);
        if (File.Exists(path)
            && DateTimeOffset.TryParse(File.ReadAllText(path).Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset kept))
        {
            return new ReadingRelease(kept, over);
        }

        Directory.CreateDirectory(stateDirectory);
        File.WriteAllText(path, now.ToString("O", CultureInfo.InvariantCulture));
        return new ReadingRelease(now, over);
    }

    /// <summary>How many of a device's <paramref name="count"/> readings have been taken by <paramref name="now"/>.</summary>
    public int Taken(int count, DateTimeOffset now)
    {
        if (Over <= TimeSpan.Zero)
        {
            return count;
        }

        // Reading i (0-based) is taken at Start + Over * (i + 1) / count.
        double elapsed = Math.Max(0, (now - Start).Ticks);
        return (int)Math.Min(count, Math.Floor(count * elapsed / Over.Ticks));
    }
}
