using System;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Time;
using FsCheck;
using FsCheck.Fluent;

namespace Dorset.Telehealth.Protocol.Tests.Time;

public class DeviceTimeTests
{
    [Theory]
    [InlineData("e20704110f3300", "2018-04-17T15:51:00")] // Android BLE library vector
    [InlineData("e40705150a1e2d", "2020-05-21T10:30:45")]
    [InlineData("d0070101000000", "2000-01-01T00:00:00")]
    [InlineData("e0070201173b3b", "2016-02-01T23:59:59")]
    [InlineData("e007021d000000", "2016-02-29T00:00:00")] // leap day
    public void TryDecode_ValidDateTime_GivesTheCivilTime(string hex, string iso)
    {
        var bytes = Convert.FromHexString(hex);

        Assert.True(DateTimeDecoder.TryDecode(bytes, 0, bytes.Length, out var time, out var failure), failure?.Message);
        Assert.Equal(iso, time.ToIsoString());
        Assert.True(time.IsKnown);
        Assert.Equal(DateTime.Parse(iso, System.Globalization.CultureInfo.InvariantCulture), time.ToDateTime());
    }

    [Theory]
    [InlineData("00000000000000")] // all unknown
    [InlineData("00000411000000")] // year unknown
    [InlineData("e2070011000000")] // month unknown
    [InlineData("e2070400000000")] // day unknown
    public void TryDecode_UnknownDateParts_DecodeAsUnknownNotAsATime(string hex)
    {
        var bytes = Convert.FromHexString(hex);

        Assert.True(DateTimeDecoder.TryDecode(bytes, 0, bytes.Length, out var time, out _));
        Assert.False(time.IsKnown);
        Assert.Null(time.ToIsoString());
        Assert.Throws<InvalidOperationException>(() => time.ToDateTime());
    }

    [Theory]
    [InlineData("e2070d11000000", "time.month", "month 13")]
    [InlineData("e207041f000000", "time.day", "day 31")] // April has 30 days
    [InlineData("e307021d000000", "time.day", "day 29")] // 2019 is not a leap year
    [InlineData("e2070411180000", "time.hours", "hours 24")]
    [InlineData("e2070411003c00", "time.minutes", "minutes 60")]
    [InlineData("e20704110000ff", "time.seconds", "seconds 255")]
    [InlineData("01000101000000", "time.year", "year 1")]
    public void TryDecode_FieldOutOfRange_FailsNamingTheField(string hex, string field, string fragment)
    {
        var bytes = Convert.FromHexString(hex);

        Assert.False(DateTimeDecoder.TryDecode(bytes, 0, bytes.Length, out var time, out var failure));
        Assert.Null(time);
        Assert.Equal(DecodeStatus.OutOfRange, failure.Status);
        Assert.Equal(field, failure.Field);
        Assert.Contains(fragment, failure.Message);
    }

    [Fact]
    public void TryDecode_SixBytes_FailsAsTooShort()
    {
        var bytes = Convert.FromHexString("e20704110f33");

        Assert.False(DateTimeDecoder.TryDecode(bytes, 0, bytes.Length, out _, out var failure));
        Assert.Equal(DecodeStatus.TooShort, failure.Status);
        Assert.Equal("date-time need 7 bytes, got 6", failure.Message);
    }

    [Fact]
    public void TryDecode_ExtraTrailingBytes_AreIgnored()
    {
        var bytes = Convert.FromHexString("e20704110f3300aabb");

        Assert.True(DateTimeDecoder.TryDecode(bytes, 0, bytes.Length, out var time, out _));
        Assert.Equal("2018-04-17T15:51:00", time.ToIsoString());
    }

    [Fact]
    public void TryDecode_OffsetIntoALargerBuffer_ReadsOnlyThatRange()
    {
        var bytes = Convert.FromHexString("ffffe20704110f3300ff");

        Assert.True(DateTimeDecoder.TryDecode(bytes, 2, 7, out var time, out _));
        Assert.Equal("2018-04-17T15:51:00", time.ToIsoString());
    }

    [Fact]
    public void Constructor_InvalidMonth_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeviceTime(2024, 13, 1, 0, 0, 0));
    }

    [Fact]
    public void EncodeThenDecode_AnyValidTime_RoundTrips()
    {
        var times = from ticks in Gen.Choose(0, int.MaxValue)
                    from unknownPart in Gen.Choose(0, 4)
                    select Make(new DateTime(1990, 1, 1).AddSeconds(ticks), unknownPart);
        Prop.ForAll(times.ToArbitrary(), time =>
        {
            var bytes = DateTimeEncoder.Encode(time);
            return bytes.Length == 7 && DateTimeDecoder.TryDecode(bytes, 0, 7, out var back, out _) && back.Equals(time);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TryDecode_RandomBytes_NeverThrowsAndAlwaysExplainsAFailure()
    {
        Prop.ForAll<byte[]>(bytes =>
        {
            bool ok = DateTimeDecoder.TryDecode(bytes, 0, bytes.Length, out var time, out var failure);
            return ok ? time != null && failure == null : time == null && failure!.Message.Length > 0;
        }).QuickCheckThrowOnFailure();
    }

    private static DeviceTime Make(DateTime t, int unknownPart) => unknownPart switch
    {
        1 => new DeviceTime(0, t.Month, t.Day, t.Hour, t.Minute, t.Second),
        2 => new DeviceTime(t.Year, 0, t.Day, t.Hour, t.Minute, t.Second),
        3 => new DeviceTime(t.Year, t.Month, 0, t.Hour, t.Minute, t.Second),
        _ => DeviceTime.FromDateTime(t),
    };
}
