using System;
using Dorset.Telehealth.HomeUnit.Time;

namespace Dorset.Telehealth.Emulator.Host;

/// <summary>The host's clock, which NTP keeps synchronised: an emulated unit's clock always is.</summary>
public sealed class SystemUnitClock : IUnitClock
{
    public DateTime UtcNow => DateTime.UtcNow;

    public bool IsSynchronised => true;
}
