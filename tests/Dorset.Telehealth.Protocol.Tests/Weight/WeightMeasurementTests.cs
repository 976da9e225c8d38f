using System;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Tests.Properties;
using Dorset.Telehealth.Protocol.Weight;
using FsCheck;
using FsCheck.Fluent;

namespace Dorset.Telehealth.Protocol.Tests.Weight;

public class WeightMeasurementTests
{
    [Theory]
    [InlineData("00B036", "70", "kg")] // 14000 x 0.005 kg
    [InlineData("00B136", "70.005", "kg")]
    [InlineData("01543D", "157", "lb")] // 15700 x 0.01 lb
    public void TryDecode_WeightIsExactInItsUnit(string hex, string weight, string unit)
    {
        byte[] bytes = Convert.FromHexString(hex);

        Assert.True(WeightMeasurementCodec.TryDecode(bytes, 0, bytes.Length, out WeightMeasurement m, out _));
        Assert.Equal(decimal.Parse(weight), decimal.Parse(m.Weight.ToString()));
        Assert.Equal(unit == "lb", m.Imperial);
    }

    [Fact]
    public void TryDecode_AllFields_BmiAndHeightExact()
    {
        // SI, timestamp, user 1, BMI 24.2 (242), height 1.700 m (1700).
        byte[] bytes = Convert.FromHexString("0EB036E807011E053A1B01F200A406");

        Assert.True(WeightMeasurementCodec.TryDecode(bytes, 0, bytes.Length, out WeightMeasurement m, out _));
        Assert.Equal("2024-01-30T05:58:27", m.Timestamp.ToIsoString());
        Assert.Equal(1, m.UserId);
        Assert.Equal("24.2", m.Bmi.ToString());
        Assert.Equal(1.7m, decimal.Parse(m.Height.ToString()));
    }

    [Fact]
    public void TryDecode_Unsuccessful_IsNotANumber()
    {
        byte[] bytes = Convert.FromHexString("00FFFF");

        Assert.True(WeightMeasurementCodec.TryDecode(bytes, 0, bytes.Length, out WeightMeasurement m, out _));
        Assert.True(m.IsUnsuccessful);
        Assert.False(m.Weight.IsNumber);
    }

    [Theory]
    [InlineData("00B0", "flags need 3 bytes, got 2")]
    [InlineData("08B036F200", "flags need 7 bytes, got 5")]
    public void TryDecode_Truncated_Fails(string hex, string message)
    {
        byte[] bytes = Convert.FromHexString(hex);

        Assert.False(WeightMeasurementCodec.TryDecode(bytes, 0, bytes.Length, out WeightMeasurement m, out DecodeFailure failure));
        Assert.Null(m);
        Assert.Equal(message, failure.Message);
    }

    [Fact]
    public void Feature_ResolutionsAreDecoded()
    {
        byte[] bytes = WeightScaleFeature.Encode((7u << 3) | (3u << 7) | 0x7);

        Assert.True(WeightScaleFeature.TryDecode(bytes, 0, bytes.Length, out uint features, out _));
        Assert.Equal(7, WeightScaleFeature.WeightResolution(features));
        Assert.Equal(3, WeightScaleFeature.HeightResolution(features));
    }

    [Fact]
    public void EncodeThenDecode_IsTheIdentity()
    {
        var values =
            from flags in Gen.Choose(0, 15)
            from raw in Gen.ArrayOf(Gen.Choose(0, 65535), 3)
            from time in ProtocolGenerators.Time
            from user in Gen.Choose(0, 255)
            select new WeightMeasurement
            {
                Imperial = (flags & 1) != 0, RawWeight = raw[0],
                HasTimestamp = (flags & 2) != 0, Timestamp = (flags & 2) != 0 ? time : null,
                HasUserId = (flags & 4) != 0, UserId = (flags & 4) != 0 ? user : 0,
                HasBmiAndHeight = (flags & 8) != 0, RawBmi = (flags & 8) != 0 ? raw[1] : 0, RawHeight = (flags & 8) != 0 ? raw[2] : 0,
            };

        Prop.ForAll(values.ToArbitrary(), original =>
        {
            byte[] bytes = WeightMeasurementCodec.Encode(original);
            Assert.True(WeightMeasurementCodec.TryDecode(bytes, 0, bytes.Length, out WeightMeasurement decoded, out _));
            Assert.Equivalent(original, decoded, strict: true);
        }).QuickCheckThrowOnFailure();
    }
}
