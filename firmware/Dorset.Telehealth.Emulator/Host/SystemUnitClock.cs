using System;
using Dorset.Telehealth.HomeUnit.Time;

namespace Dorset.Telehealth.Emulator.Host;

/// <summary>
/// An emulated unit's clock: the host's, which NTP keeps synchronised (so an emulated unit's clock always is), read
/// through a <see cref="TimeProvider"/> so tests can move it.
/// </summary>
public sealed class SystemUnitClock(TimeProvider time) : IUnitClock
{
    private readonly long _started = time.GetTimestamp();

    /// <summary>The host's clock.</summary>
    public SystemUnitClock()
        : this(TimeProvider.System)
    {
    }

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public bool IsSynchronised => true;

    public long Milliseconds => (long)time.GetElapsedTime(_started).TotalMilliseconds;
}
