using System;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Time;

namespace Dorset.Telehealth.Protocol.Tests.Time;

public class CurrentTimeTests
{
    [Fact]
    public void TryDecode_SpecExample_GivesEveryField()
    {
        var bytes = Convert.FromHexString("e907010f0e1e2d032101");

        Assert.True(CurrentTimeDecoder.TryDecode(bytes, 0, bytes.Length, out var value, out _));
        Assert.Equal("2025-01-15T14:30:45", value.Time.ToIsoString());
        Assert.Equal(3, value.DayOfWeek);
        Assert.Equal(33, value.Fractions256);
        Assert.Equal(CurrentTimeAdjustReason.ManualTimeUpdate, value.AdjustReason);
    }

    [Fact]
    public void Encode_AsTheHomeUnitWritesIt_MatchesTheSpecLayout()
    {
        var value = new CurrentTime(new DeviceTime(2025, 1, 15, 14, 30, 45), 3, 33,
            CurrentTimeAdjustReason.ManualTimeUpdate);

        Assert.Equal("E907010F0E1E2D032101", Convert.ToHexString(CurrentTimeEncoder.Encode(value)));
    }

    [Fact]
    public void TryDecode_DayOfWeekEight_FailsNamingDayOfWeek()
    {
        var bytes = Convert.FromHexString("e907010f0e1e2d082101");

        Assert.False(CurrentTimeDecoder.TryDecode(bytes, 0, bytes.Length, out var value, out var failure));
        Assert.Null(value);
        Assert.Equal("dayOfWeek", failure.Field);
    }

    [Fact]
    public void TryDecode_NineBytes_FailsAsTooShort()
    {
        var bytes = Convert.FromHexString("e907010f0e1e2d0321");

        Assert.False(CurrentTimeDecoder.TryDecode(bytes, 0, bytes.Length, out _, out var failure));
        Assert.Equal("current-time need 10 bytes, got 9", failure.Message);
    }

    [Fact]
    public void TryDecode_BadMonthInsideExactTime_NamesTheNestedField()
    {
        var bytes = Convert.FromHexString("e9070d0f0e1e2d032101");

        Assert.False(CurrentTimeDecoder.TryDecode(bytes, 0, bytes.Length, out _, out var failure));
        Assert.Equal("time.month", failure.Field);
    }
}
