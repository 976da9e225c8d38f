using System;
using Dorset.Telehealth.Gateway.Ingest;

namespace Dorset.Telehealth.Gateway.Tests.Ingest;

/// <summary>
/// The gateway's own UK civil-time rule (it must not depend on a hub's tzdata) against the tz database's Europe/London,
/// which is the reference here: every half hour across two years, and the two clock changes of 2026 in detail.
/// </summary>
public sealed class UkLocalTimeTests
{
    private static readonly TimeZoneInfo s_london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    [Fact]
    public void FromUtc_EveryHalfHourOf2026And2027_IsWhatTheTzDatabaseSays()
    {
        for (var utc = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero); utc.Year < 2028; utc = utc.AddMinutes(30))
        {
            Assert.Equal(TimeZoneInfo.ConvertTime(utc, s_london).DateTime, UkLocalTime.FromUtc(utc));
        }
    }

    [Fact]
    public void ToUtc_EveryUnambiguousHalfHourOf2026_RoundTrips()
    {
        for (var local = new DateTime(2026, 1, 1, 0, 0, 0); local.Year < 2027; local = local.AddMinutes(30))
        {
            if (s_london.IsInvalidTime(local) || s_london.IsAmbiguousTime(local))
            {
                continue;
            }

            Assert.Equal(new DateTimeOffset(local, s_london.GetUtcOffset(local)).ToUniversalTime(), UkLocalTime.ToUtc(local));
        }
    }

    [Theory]
    // Spring forward, 29 March 2026: 01:00-02:00 does not exist; a device that has not changed its clock is still on GMT.
    [InlineData("2026-03-29T00:59:00", "2026-03-29T00:59:00Z")]
    [InlineData("2026-03-29T01:30:00", "2026-03-29T01:30:00Z")]
    [InlineData("2026-03-29T02:00:00", "2026-03-29T01:00:00Z")]
    // Fall back, 25 October 2026: 01:00-02:00 happens twice; it is read as BST, the earlier instant (as the cloud reads it).
    [InlineData("2026-10-25T00:59:00", "2026-10-24T23:59:00Z")]
    [InlineData("2026-10-25T01:30:00", "2026-10-25T00:30:00Z")]
    [InlineData("2026-10-25T02:00:00", "2026-10-25T02:00:00Z")]
    public void ToUtc_AroundTheClockChanges_IsTheDocumentedInstant(string local, string utc)
    {
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), UkLocalTime.ToUtc(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void TakenUtc_PrefersDeviceTimeThenUnitReceiptThenTheHubs()
    {
        var hub = new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);
        var reading = Fakes.Readings.Glucose(1, 1) with { DeviceTime = "2026-07-01T09:15:00", UnitReceiptTime = "2026-07-01T10:00:00Z" };

        Assert.Equal(new DateTimeOffset(2026, 7, 1, 8, 15, 0, TimeSpan.Zero), ReadingTimes.TakenUtc(reading, hub));
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.Zero), ReadingTimes.TakenUtc(reading with { DeviceTime = null }, hub));
        Assert.Equal(hub, ReadingTimes.TakenUtc(reading with { DeviceTime = null, UnitReceiptTime = null }, hub));
        Assert.Equal(new DateOnly(2026, 10, 25), ReadingTimes.LocalDate(new DateTimeOffset(2026, 10, 24, 23, 30, 0, TimeSpan.Zero)));
    }
}
