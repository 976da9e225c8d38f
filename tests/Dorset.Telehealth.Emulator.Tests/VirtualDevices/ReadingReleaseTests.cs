using System;
using System.IO;
using Dorset.Telehealth.Emulator.VirtualDevices;

namespace Dorset.Telehealth.Emulator.Tests.VirtualDevices;

/// <summary>
/// `fleet --release-seconds`: a paced home's devices take their readings evenly over the span, not all at start, and a
/// home started again over the same state continues the schedule rather than beginning it anew.
/// </summary>
public sealed class ReadingReleaseTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 15, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Over = TimeSpan.FromMinutes(10);
    private readonly string _state = Path.Combine(Path.GetTempPath(), "release-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void PacedHome_HoldsNothingAtStart_HalfAtHalfTime_AllAtTheEnd()
    {
        VirtualHome home = Home(ReadingRelease.InState(_state, Over, Start));
        Assert.Equal((0, 0, 0, 0), Held(home));

        home.Release(Start + (Over / 2));
        Assert.Equal((5, 2, 2, 2), Held(home));

        home.Release(Start + Over);
        Assert.Equal((10, 4, 4, 4), Held(home));
    }

    [Fact]
    public void RestartedHome_KeepsTheFirstStart_AndReleasesWhatIsDueByThen()
    {
        ReadingRelease.InState(_state, Over, Start);

        ReadingRelease again = ReadingRelease.InState(_state, Over, Start + TimeSpan.FromMinutes(8));
        VirtualHome home = Home(again);
        home.Release(Start + TimeSpan.FromMinutes(8));

        Assert.Equal(Start, again.Start);
        Assert.Equal((8, 3, 3, 3), Held(home));
    }

    [Fact]
    public void ZeroSpan_IsAllAtOnce_WithNothingKept()
    {
        ReadingRelease release = ReadingRelease.InState(_state, TimeSpan.Zero, Start);

        Assert.Same(ReadingRelease.AllAtOnce, release);
        Assert.Equal((10, 4, 4, 4), Held(Home(release)));
        Assert.False(Directory.Exists(_state));
    }

    public void Dispose()
    {
        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }

    private VirtualHome Home(ReadingRelease release) => new("unit-0001", _state, 10, 4, 4, 4, new ReadingScript(1), release);

    private static (int, int, int, int) Held(VirtualHome home) =>
        (home.Meter.Records.Count, home.Oximeter.Waiting, home.Scale.Waiting, home.Cuff.Waiting);
}
