using System;
using Dorset.Telehealth.Protocol.BloodPressure;
using Dorset.Telehealth.Protocol.Glucose;
using Dorset.Telehealth.Protocol.PulseOximetry;
using Dorset.Telehealth.Protocol.Weight;

namespace Dorset.Telehealth.Protocol.Tests.Time;

/// <summary>
/// A measurement whose own time is no valid date or time (a reserved year, a 13th month, a 25th hour, a 31 February)
/// keeps its value and says its time is invalid, for every characteristic that carries a Date Time: the reading is timed
/// by its receipt, never lost for a clock fault.
/// </summary>
public class InvalidTimestampTests
{
    // The seven Date Time bytes: year 1000 (reserved: below 1582), month 13, hours 25, 31 February 2026.
    public static TheoryData<string> BadTimes() => new() { "E8030B180A0000", "EA070D180A0000", "EA070B18190000", "EA07021F0A0000" };

    [Theory]
    [MemberData(nameof(BadTimes))]
    public void GlucoseMeasurement_KeepsItsConcentration_AndMarksItsTimeInvalid(string time)
    {
        // flags 0x02 (concentration, kg/L), sequence 7, the time, 111e-5 kg/L, capillary whole blood at the finger.
        byte[] bytes = Convert.FromHexString("020700" + time + "6FB011");

        Assert.True(GlucoseMeasurementDecoder.TryDecode(bytes, 0, bytes.Length, out GlucoseMeasurement m, out _));
        Assert.Equal((7, "111"), (m.Sequence, m.MilligramsPerDecilitre.ToString()));
        Assert.Null(m.BaseTime);
        Assert.Null(m.Time);
        Assert.True(m.BaseTimeInvalid && m.TimeInvalid);
    }

    [Theory]
    [MemberData(nameof(BadTimes))]
    public void WeightMeasurement_KeepsItsWeight_AndMarksItsTimestampInvalid(string time)
    {
        // flags 0x02 (timestamp), 16750 x 5 g = 83.75 kg.
        byte[] bytes = Convert.FromHexString("026E41" + time);

        Assert.True(WeightMeasurementCodec.TryDecode(bytes, 0, bytes.Length, out WeightMeasurement m, out _));
        Assert.Equal("83.750", m.Weight.ToString());
        Assert.True(m.HasTimestamp && m.TimestampInvalid);
        Assert.Null(m.Timestamp);
    }

    [Theory]
    [MemberData(nameof(BadTimes))]
    public void PlxSpotCheck_KeepsSpO2AndPulse_AndMarksItsTimestampInvalid(string time)
    {
        // flags 0x01 (timestamp), SpO2 97, pulse 72.
        byte[] bytes = Convert.FromHexString("0161004800" + time);

        Assert.True(PlxSpotCheckCodec.TryDecode(bytes, 0, bytes.Length, out PlxSpotCheck m, out _));
        Assert.Equal(("97", "72"), (m.SpO2.ToString(), m.PulseRate.ToString()));
        Assert.True(m.TimestampInvalid);
        Assert.Null(m.Timestamp);
    }

    [Theory]
    [MemberData(nameof(BadTimes))]
    public void BloodPressureMeasurement_KeepsItsPressures_AndMarksItsTimestampInvalid(string time)
    {
        // flags 0x02 (timestamp), 120/80 mmHg, mean 93.
        byte[] bytes = Convert.FromHexString("02780050005D00" + time);

        Assert.True(BloodPressureMeasurementCodec.TryDecode(bytes, 0, bytes.Length, out BloodPressureMeasurement m, out _));
        Assert.Equal(("120", "80", "93"), (m.Systolic.ToString(), m.Diastolic.ToString(), m.MeanArterialPressure.ToString()));
        Assert.True(m.TimestampInvalid);
        Assert.Null(m.Timestamp);
    }

    [Fact]
    public void AValidTime_IsNotMarked()
    {
        byte[] bytes = Convert.FromHexString("026E41" + "EA070B180A0000");

        Assert.True(WeightMeasurementCodec.TryDecode(bytes, 0, bytes.Length, out WeightMeasurement m, out _));
        Assert.False(m.TimestampInvalid);
        Assert.Equal("2026-11-24T10:00:00", m.Timestamp.ToIsoString());
    }
}
