using System;
using Dorset.Telehealth.HomeUnit.Time;

namespace Dorset.Telehealth.Emulator.Host;

/// <summary>
/// An emulated unit's clock: the host's, which NTP keeps synchronised, read through a <see cref="TimeProvider"/> so
/// tests can move it; or, by <see cref="UnitClockMode"/>, one never set or one that is wrong while claiming to be set.
/// </summary>
public sealed class SystemUnitClock(TimeProvider time, UnitClockMode mode) : IUnitClock
{
    /// <summary>Where an unset clock starts counting from power-on (the ESP32's epoch before SNTP).</summary>
    public static readonly DateTime PowerOnEpoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>How far ahead a <see cref="UnitClockMode.Wrong"/> clock runs.</summary>
    public static readonly TimeSpan WrongBy = TimeSpan.FromDays(2);

    private readonly long _started = time.GetTimestamp();

    /// <summary>The host's clock.</summary>
    public SystemUnitClock()
        : this(TimeProvider.System, UnitClockMode.Synchronised)
    {
    }

    /// <summary>The host's clock through <paramref name="time"/>, synchronised.</summary>
    public SystemUnitClock(TimeProvider time)
        : this(time, UnitClockMode.Synchronised)
    {
    }

    public DateTime UtcNow => mode switch
    {
        UnitClockMode.Unset => PowerOnEpoch.AddMilliseconds(Milliseconds),
        UnitClockMode.Wrong => time.GetUtcNow().UtcDateTime + WrongBy,
        _ => time.GetUtcNow().UtcDateTime,
    };

    public bool IsSynchronised => mode != UnitClockMode.Unset;

    public long Milliseconds => (long)time.GetElapsedTime(_started).TotalMilliseconds;
}
