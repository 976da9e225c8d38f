using System;
using Dorset.Telehealth.Protocol.Battery;
using Dorset.Telehealth.Protocol.Decoding;
using FsCheck;
using FsCheck.Fluent;

namespace Dorset.Telehealth.Protocol.Tests.Battery;

public class BatteryLevelTests
{
    [Theory]
    [InlineData("00", 0)]
    [InlineData("32", 50)]
    [InlineData("64", 100)]
    [InlineData("6400", 100)]
    [InlineData("32FFFF", 50)]
    public void TryDecode_OneByteUpToOneHundred_IsThePercentage_AndBytesAfterItAreIgnored(string hex, int percent)
    {
        var bytes = Convert.FromHexString(hex);

        Assert.True(BatteryLevelDecoder.TryDecode(bytes, 0, bytes.Length, out int level, out _));
        Assert.Equal(percent, level);
    }

    [Theory]
    [InlineData("65", DecodeStatus.OutOfRange)]
    [InlineData("ff", DecodeStatus.OutOfRange)]
    [InlineData("", DecodeStatus.TooShort)]
    public void TryDecode_Malformed_FailsNamingLevel(string hex, DecodeStatus status)
    {
        var bytes = Convert.FromHexString(hex);

        Assert.False(BatteryLevelDecoder.TryDecode(bytes, 0, bytes.Length, out _, out var failure));
        Assert.Equal(status, failure.Status);
        Assert.Equal("level", failure.Field);
    }

    [Fact]
    public void EncodeThenDecode_EveryPercentage_RoundTrips()
    {
        Prop.ForAll(Gen.Choose(0, 100).ToArbitrary(), percent =>
        {
            var bytes = BatteryLevelEncoder.Encode(percent);
            return BatteryLevelDecoder.TryDecode(bytes, 0, bytes.Length, out int back, out _) && back == percent;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Encode_OverOneHundred_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BatteryLevelEncoder.Encode(101));
    }
}
