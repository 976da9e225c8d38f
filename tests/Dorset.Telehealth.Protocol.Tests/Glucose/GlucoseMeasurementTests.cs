using System;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Glucose;
using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.Tests.Properties;
using Dorset.Telehealth.Protocol.Time;
using FsCheck;
using FsCheck.Fluent;

namespace Dorset.Telehealth.Protocol.Tests.Glucose;

public class GlucoseMeasurementTests
{
    [Fact]
    public void TryDecode_TypicalMeterRecord_GivesExactMilligramsPerDecilitre()
    {
        // flags 0x03 (offset, kg/L concentration), seq 45, 2024-01-30 05:58:27, offset +2 min, 111e-5 kg/L, capillary plasma at finger.
        byte[] bytes = Convert.FromHexString("032D00E807011E053A1B02006FB012");

        Assert.True(GlucoseMeasurementDecoder.TryDecode(bytes, 0, bytes.Length, out GlucoseMeasurement m, out _));
        Assert.Equal(45, m.Sequence);
        Assert.Equal("2024-01-30T05:58:27", m.BaseTime.ToIsoString());
        Assert.Equal("2024-01-30T06:00:27", m.Time.ToIsoString());
        Assert.Equal(new MedicalFloat(111, -5), m.Concentration);
        Assert.Equal(GlucoseConcentrationUnit.KilogramsPerLitre, m.Unit);
        Assert.Equal("111", m.MilligramsPerDecilitre.ToString());
        Assert.False(m.MillimolesPerLitre.IsNumber);
        Assert.Equal(2, m.Type);
        Assert.Equal(1, m.Location);
        Assert.False(m.HasSensorStatus);
        Assert.False(m.IsControlSolution);
    }

    [Fact]
    public void TryDecode_MolesPerLitre_GivesExactMillimolesPerLitre()
    {
        // flags 0x06 (concentration, mol/L), 5.6e-3 mol/L = 5.6 mmol/L: SFLOAT mantissa 56, exponent -4 -> 0xC038.
        byte[] bytes = Convert.FromHexString("060100E807011E053A1B38C011");

        Assert.True(GlucoseMeasurementDecoder.TryDecode(bytes, 0, bytes.Length, out GlucoseMeasurement m, out _));
        Assert.Equal("5.6", m.MillimolesPerLitre.ToString());
        Assert.False(m.HasTimeOffset);
        Assert.Equal("2024-01-30T05:58:27", m.Time.ToIsoString());
    }

    [Theory]
    [InlineData("0A", 10, false)] // control solution type
    [InlineData("41", 1, true)] // location control solution
    public void IsControlSolution_ByTypeOrLocation(string typeLocationHex, int type, bool byLocation)
    {
        byte[] bytes = Convert.FromHexString("020100E807011E053A1B6FB0" + typeLocationHex);

        Assert.True(GlucoseMeasurementDecoder.TryDecode(bytes, 0, bytes.Length, out GlucoseMeasurement m, out _));
        Assert.Equal(type, m.Type);
        Assert.Equal(byLocation, m.Location == GlucoseSampleTypes.LocationControlSolution);
        Assert.True(m.IsControlSolution);
    }

    [Fact]
    public void TryDecode_NegativeOffsetAcrossMidnight_GivesThePreviousDay()
    {
        byte[] bytes = Convert.FromHexString("010100E807011E000500C4FF"); // 00:05:00, offset -60

        Assert.True(GlucoseMeasurementDecoder.TryDecode(bytes, 0, bytes.Length, out GlucoseMeasurement m, out _));
        Assert.Equal(-60, m.TimeOffsetMinutes);
        Assert.Equal("2024-01-29T23:05:00", m.Time.ToIsoString());
    }

    [Fact]
    public void TryDecode_SensorStatus_KeepsTheRawBits()
    {
        byte[] bytes = Convert.FromHexString("0A0100E807011E053A1B6FB0112000"); // result too high

        Assert.True(GlucoseMeasurementDecoder.TryDecode(bytes, 0, bytes.Length, out GlucoseMeasurement m, out _));
        Assert.Equal(GlucoseSensorStatus.ResultTooHigh, m.SensorStatus);
    }

    [Theory]
    [InlineData("", "flags", "flags need 1 bytes, got 0")]
    [InlineData("000100E807011E053A", "flags", "flags need 10 bytes, got 9")]
    [InlineData("0B0100E807011E053A1B02006FB012", "flags", "flags need 17 bytes, got 15")]
    public void TryDecode_Malformed_FailsNamingTheField(string hex, string field, string? message)
    {
        byte[] bytes = Convert.FromHexString(hex);

        Assert.False(GlucoseMeasurementDecoder.TryDecode(bytes, 0, bytes.Length, out GlucoseMeasurement m, out DecodeFailure failure));
        Assert.Null(m);
        Assert.Equal(field, failure.Field);
        if (message != null)
        {
            Assert.Equal(message, failure.Message);
        }
    }

    [Fact]
    public void TryDecode_IgnoresBytesAfterTheLastFlaggedField()
    {
        byte[] bytes = Convert.FromHexString("000100E807011E053A1BFFFF");

        Assert.True(GlucoseMeasurementDecoder.TryDecode(bytes, 0, bytes.Length, out GlucoseMeasurement m, out _));
        Assert.Equal(1, m.Sequence);
    }

    [Fact]
    public void Time_OutsideTheYearsADateTimeHolds_IsUnknownRatherThanAnException()
    {
        byte[] bytes = Convert.FromHexString("0101000F270C1F173B3BFF7F"); // 9999-12-31 23:59:59 + 32767 min

        Assert.True(GlucoseMeasurementDecoder.TryDecode(bytes, 0, bytes.Length, out GlucoseMeasurement m, out _));
        Assert.Null(m.Time);
        Assert.False(m.BaseTimeInvalid);
        Assert.True(m.TimeInvalid);
    }

    [Fact]
    public void EncodeThenDecode_IsTheIdentity_ForEveryFlagCombination()
    {
        var measurements =
            from sequence in Gen.Choose(0, 65535)
            from baseTime in ProtocolGenerators.Time
            from hasOffset in Gen.Elements(true, false)
            from offset in Gen.Choose(-32768, 32767)
            from hasConcentration in Gen.Elements(true, false)
            from concentration in ProtocolGenerators.SFloat
            from molar in Gen.Elements(true, false)
            from type in Gen.Choose(0, 15)
            from location in Gen.Choose(0, 15)
            from hasStatus in Gen.Elements(true, false)
            from status in Gen.Choose(0, 65535)
            from contextFollows in Gen.Elements(true, false)
            select new GlucoseMeasurement
            {
                Sequence = sequence, BaseTime = baseTime, HasTimeOffset = hasOffset, TimeOffsetMinutes = hasOffset ? offset : 0,
                HasConcentration = hasConcentration, Concentration = hasConcentration ? concentration : default,
                Unit = hasConcentration && molar ? GlucoseConcentrationUnit.MolesPerLitre : GlucoseConcentrationUnit.KilogramsPerLitre,
                Type = hasConcentration ? type : 0, Location = hasConcentration ? location : 0,
                HasSensorStatus = hasStatus, SensorStatus = hasStatus ? status : 0, ContextFollows = contextFollows,
            };

        Prop.ForAll(measurements.ToArbitrary(), original =>
        {
            byte[] bytes = GlucoseMeasurementEncoder.Encode(original);
            Assert.True(GlucoseMeasurementDecoder.TryDecode(bytes, 0, bytes.Length, out GlucoseMeasurement decoded, out _));
            Assert.Equivalent(original, decoded, strict: true);
        }).QuickCheckThrowOnFailure();
    }
}
