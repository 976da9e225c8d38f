using System;
using System.IO;
using Dorset.Telehealth.Demo.Provisioning;
using Dorset.Telehealth.Emulator.VirtualDevices;

namespace Dorset.Telehealth.EndToEnd.Tests;

/// <summary>The demo's week end: UK civil time to the minute when provisioned, and the same on every later run.</summary>
public sealed class DemoWeekEndTests : IDisposable
{
    private readonly PipelineLayout _layout = new(Path.Combine(Path.GetTempPath(), "dorset-weekend-" + Guid.NewGuid().ToString("N")), 1, 2, 3);

    public DemoWeekEndTests() => Directory.CreateDirectory(_layout.DataDirectory);

    [Theory]
    [InlineData("2026-12-01T09:17:59.999Z", "2026-12-01T09:17:00")] // GMT: civil time is UTC
    [InlineData("2027-07-01T08:30:45Z", "2027-07-01T09:30:00")] // BST: an hour ahead
    [InlineData("2027-03-28T00:59:30Z", "2027-03-28T00:59:00")] // the minute before the clocks go forward at 01:00 UTC
    [InlineData("2027-03-28T01:00:00Z", "2027-03-28T02:00:00")]
    public void Choose_IsUkCivilTimeRoundedDownToTheMinute_AndALaterRunReadsTheSame(string utc, string expected)
    {
        DateTime now = DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);

        DateTime chosen = DemoWeekEnd.Choose(_layout, now);

        Assert.Equal(expected, chosen.ToString("s", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, File.ReadAllText(_layout.WeekEndFile).Trim());
        Assert.Equal(chosen, DemoWeekEnd.Read(_layout));
    }

    [Fact]
    public void Read_DirectoryFromBeforeTheFile_KeepsTheScriptsDefaultWeek()
    {
        Assert.Equal(new DateTime(2026, 11, 24, 7, 0, 0), DemoWeekEnd.Read(_layout));
        Assert.Equal(ReadingScript.DefaultWeekEnd, DemoWeekEnd.Read(_layout));
    }

    public void Dispose() => Directory.Delete(_layout.DataDirectory, recursive: true);
}
