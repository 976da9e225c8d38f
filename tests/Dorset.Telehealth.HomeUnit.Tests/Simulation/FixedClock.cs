using System;
using Dorset.Telehealth.HomeUnit.Time;

namespace Dorset.Telehealth.HomeUnit.Tests.Simulation;

/// <summary>A unit clock standing still at a given time, synchronised or not (so no time budget is ever spent).</summary>
public sealed class FixedClock(DateTime utcNow, bool synchronised) : IUnitClock
{
    public DateTime UtcNow { get; } = utcNow;

    public bool IsSynchronised { get; } = synchronised;

    public long Milliseconds => 0;
}
