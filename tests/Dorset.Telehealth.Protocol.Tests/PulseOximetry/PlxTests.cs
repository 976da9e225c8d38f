using System;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.PulseOximetry;
using Dorset.Telehealth.Protocol.Tests.Properties;
using FsCheck;
using FsCheck.Fluent;

namespace Dorset.Telehealth.Protocol.Tests.PulseOximetry;

public class PlxTests
{
    [Fact]
    public void SpotCheck_WithTimestampAndStatus_DecodesEveryField()
    {
        // flags 0x1F: timestamp, status, device status, PAI, clock not set; SpO2 97, PR 72; status b9 (from storage).
        byte[] bytes = Convert.FromHexString("1F61004800E807011E053A1B0002200000 57F0".Replace(" ", string.Empty));

        Assert.True(PlxSpotCheckCodec.TryDecode(bytes, 0, bytes.Length, out PlxSpotCheck m, out _));
        Assert.Equal(new MedicalFloat(97, 0), m.SpO2);
        Assert.Equal(new MedicalFloat(72, 0), m.PulseRate);
        Assert.Equal("2024-01-30T05:58:27", m.Timestamp.ToIsoString());
        Assert.Equal(PlxStatus.FromStorage, m.MeasurementStatus);
        Assert.Equal(0x20, m.DeviceSensorStatus);
        Assert.Equal("8.7", m.PulseAmplitudeIndex.ToString());
        Assert.True(m.DeviceClockNotSet);
        Assert.False(m.IsNotPatientData);
    }

    [Theory]
    [InlineData(1 << 15)] // invalid
    [InlineData(1 << 14)] // questionable
    [InlineData(1 << 10)] // demonstration
    [InlineData(1 << 11)] // testing
    public void SpotCheck_MarkedInvalidOrDemonstration_IsNotPatientData(int status)
    {
        var original = new PlxSpotCheck { SpO2 = new MedicalFloat(90, 0), PulseRate = new MedicalFloat(60, 0), HasMeasurementStatus = true, MeasurementStatus = status };
        byte[] bytes = PlxSpotCheckCodec.Encode(original);

        Assert.True(PlxSpotCheckCodec.TryDecode(bytes, 0, bytes.Length, out PlxSpotCheck m, out _));
        Assert.True(m.IsNotPatientData);
    }

    [Fact]
    public void Continuous_FastAndSlow_AreReadInOrder()
    {
        byte[] bytes = Convert.FromHexString("03 6200 4600 6100 4800 6300 4400".Replace(" ", string.Empty));

        Assert.True(PlxContinuousCodec.TryDecode(bytes, 0, bytes.Length, out PlxContinuous m, out _));
        Assert.Equal(new MedicalFloat(98, 0), m.SpO2);
        Assert.Equal(new MedicalFloat(97, 0), m.FastSpO2);
        Assert.Equal(new MedicalFloat(72, 0), m.FastPulseRate);
        Assert.Equal(new MedicalFloat(99, 0), m.SlowSpO2);
        Assert.Equal(new MedicalFloat(68, 0), m.SlowPulseRate);
    }

    [Fact]
    public void Features_WithSupportFields_ReadsThem()
    {
        byte[] bytes = Convert.FromHexString("0700E0FF3F0000");

        Assert.True(PlxFeatures.TryDecode(bytes, 0, bytes.Length, out PlxFeatures f, out _));
        Assert.True(f.HasStorage);
        Assert.Equal(0xFFE0, f.MeasurementStatusSupport);
        Assert.Equal(0x3F, f.DeviceSensorStatusSupport);
        Assert.Equal("0700E0FF3F0000", Convert.ToHexString(f.Encode()));
    }

    [Theory]
    [InlineData("00", "flags need 5 bytes, got 1")]
    [InlineData("0161004800", "flags need 12 bytes, got 5")]
    public void SpotCheck_Truncated_FailsNamingFlags(string hex, string message)
    {
        byte[] bytes = Convert.FromHexString(hex);

        Assert.False(PlxSpotCheckCodec.TryDecode(bytes, 0, bytes.Length, out PlxSpotCheck m, out DecodeFailure failure));
        Assert.Null(m);
        Assert.Equal(message, failure.Message);
    }

    [Fact]
    public void Features_FlagPromisingSupportFieldsThatAreAbsent_Fails()
    {
        byte[] bytes = Convert.FromHexString("0300E0FF");

        Assert.False(PlxFeatures.TryDecode(bytes, 0, bytes.Length, out _, out DecodeFailure failure));
        Assert.Equal("features need 7 bytes, got 4", failure.Message);
    }

    [Fact]
    public void SpotCheck_EncodeThenDecode_IsTheIdentity()
    {
        var values =
            from flags in Gen.Choose(0, 31)
            from sfloats in Gen.ArrayOf(ProtocolGenerators.SFloat, 3)
            from time in ProtocolGenerators.Time
            from status in Gen.Choose(0, 65535)
            from deviceStatus in Gen.Choose(0, 0xFFFFFF)
            select new PlxSpotCheck
            {
                SpO2 = sfloats[0], PulseRate = sfloats[1],
                HasTimestamp = (flags & 1) != 0, Timestamp = (flags & 1) != 0 ? time : null,
                HasMeasurementStatus = (flags & 2) != 0, MeasurementStatus = (flags & 2) != 0 ? status : 0,
                HasDeviceSensorStatus = (flags & 4) != 0, DeviceSensorStatus = (flags & 4) != 0 ? deviceStatus : 0,
                HasPulseAmplitudeIndex = (flags & 8) != 0, PulseAmplitudeIndex = (flags & 8) != 0 ? sfloats[2] : default,
                DeviceClockNotSet = (flags & 16) != 0,
            };

        Prop.ForAll(values.ToArbitrary(), original =>
        {
            byte[] bytes = PlxSpotCheckCodec.Encode(original);
            Assert.True(PlxSpotCheckCodec.TryDecode(bytes, 0, bytes.Length, out PlxSpotCheck decoded, out _));
            Assert.Equivalent(original, decoded, strict: true);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Continuous_EncodeThenDecode_IsTheIdentity()
    {
        var values =
            from flags in Gen.Choose(0, 31)
            from sfloats in Gen.ArrayOf(ProtocolGenerators.SFloat, 7)
            from status in Gen.Choose(0, 65535)
            from deviceStatus in Gen.Choose(0, 0xFFFFFF)
            select new PlxContinuous
            {
                SpO2 = sfloats[0], PulseRate = sfloats[1],
                HasFast = (flags & 1) != 0, FastSpO2 = (flags & 1) != 0 ? sfloats[2] : default, FastPulseRate = (flags & 1) != 0 ? sfloats[3] : default,
                HasSlow = (flags & 2) != 0, SlowSpO2 = (flags & 2) != 0 ? sfloats[4] : default, SlowPulseRate = (flags & 2) != 0 ? sfloats[5] : default,
                HasMeasurementStatus = (flags & 4) != 0, MeasurementStatus = (flags & 4) != 0 ? status : 0,
                HasDeviceSensorStatus = (flags & 8) != 0, DeviceSensorStatus = (flags & 8) != 0 ? deviceStatus : 0,
                HasPulseAmplitudeIndex = (flags & 16) != 0, PulseAmplitudeIndex = (flags & 16) != 0 ? sfloats[6] : default,
            };

        Prop.ForAll(values.ToArbitrary(), original =>
        {
            byte[] bytes = PlxContinuousCodec.Encode(original);
            Assert.True(PlxContinuousCodec.TryDecode(bytes, 0, bytes.Length, out PlxContinuous decoded, out _));
            Assert.Equivalent(original, decoded, strict: true);
        }).QuickCheckThrowOnFailure();
    }
}
