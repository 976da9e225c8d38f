using System;
using Dorset.Telehealth.Emulator.Host;
using Microsoft.Extensions.Time.Testing;

namespace Dorset.Telehealth.Emulator.Tests.Host;

/// <summary>`fleet --unit-clock`: a clock never set says so and counts from power-on; a wrong one claims to be set.</summary>
public sealed class SystemUnitClockTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Unset_IsNotSynchronised_AndCountsFromPowerOnIn2000()
    {
        var time = new FakeTimeProvider(Now);
        var clock = new SystemUnitClock(time, UnitClockMode.Unset);
        time.Advance(TimeSpan.FromMinutes(10));

        Assert.False(clock.IsSynchronised);
        Assert.Equal(new DateTime(2000, 1, 1, 0, 10, 0, DateTimeKind.Utc), clock.UtcNow);
    }

    [Fact]
    public void Wrong_ClaimsSynchronised_AndRunsTwoDaysAhead()
    {
        var clock = new SystemUnitClock(new FakeTimeProvider(Now), UnitClockMode.Wrong);

        Assert.True(clock.IsSynchronised);
        Assert.Equal(Now.UtcDateTime.AddDays(2), clock.UtcNow);
    }

    [Fact]
    public void Synchronised_IsTheHostClock()
    {
        var clock = new SystemUnitClock(new FakeTimeProvider(Now), UnitClockMode.Synchronised);

        Assert.True(clock.IsSynchronised);
        Assert.Equal(Now.UtcDateTime, clock.UtcNow);
    }
}
