using System;
using Dorset.Telehealth.Protocol.BloodPressure;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.Tests.Properties;
using FsCheck;
using FsCheck.Fluent;

namespace Dorset.Telehealth.Protocol.Tests.BloodPressure;

public class BloodPressureMeasurementTests
{
    [Fact]
    public void TryDecode_MmHgWithTimestampPulseAndUser()
    {
        // flags 0x0E: timestamp, pulse, user; 120/80 mmHg, MAP 93; 72 bpm; user 1.
        byte[] bytes = Convert.FromHexString("0E78005000 5D00 E807011E053A1B 4800 01".Replace(" ", string.Empty));

        Assert.True(BloodPressureMeasurementCodec.TryDecode(bytes, 0, bytes.Length, out BloodPressureMeasurement m, out _));
        Assert.False(m.Kilopascals);
        Assert.Equal(new MedicalFloat(120, 0), m.Systolic);
        Assert.Equal(new MedicalFloat(80, 0), m.Diastolic);
        Assert.Equal(new MedicalFloat(93, 0), m.MeanArterialPressure);
        Assert.Equal(new MedicalFloat(72, 0), m.PulseRate);
        Assert.Equal(1, m.UserId);
        Assert.False(m.IsErrorRecord);
    }

    [Fact]
    public void TryDecode_AllNaNStoredRecord_IsAnErrorRecordKeptNotRefused()
    {
        byte[] bytes = Convert.FromHexString("00FF07FF07FF07");

        Assert.True(BloodPressureMeasurementCodec.TryDecode(bytes, 0, bytes.Length, out BloodPressureMeasurement m, out _));
        Assert.True(m.IsErrorRecord);
    }

    [Theory]
    [InlineData("010203040506", "flags need 7 bytes, got 6")]
    [InlineData("10780050005D00", "flags need 9 bytes, got 7")]
    public void TryDecode_Truncated_Fails(string hex, string message)
    {
        byte[] bytes = Convert.FromHexString(hex);

        Assert.False(BloodPressureMeasurementCodec.TryDecode(bytes, 0, bytes.Length, out BloodPressureMeasurement m, out DecodeFailure failure));
        Assert.Null(m);
        Assert.Equal(message, failure.Message);
    }

    [Fact]
    public void EncodeThenDecode_IsTheIdentity()
    {
        var values =
            from flags in Gen.Choose(0, 31)
            from sfloats in Gen.ArrayOf(ProtocolGenerators.SFloat, 4)
            from time in ProtocolGenerators.Time
            from user in Gen.Choose(0, 255)
            from status in Gen.Choose(0, 65535)
            select new BloodPressureMeasurement
            {
                Kilopascals = (flags & 1) != 0, Systolic = sfloats[0], Diastolic = sfloats[1], MeanArterialPressure = sfloats[2],
                HasTimestamp = (flags & 2) != 0, Timestamp = (flags & 2) != 0 ? time : null,
                HasPulseRate = (flags & 4) != 0, PulseRate = (flags & 4) != 0 ? sfloats[3] : default,
                HasUserId = (flags & 8) != 0, UserId = (flags & 8) != 0 ? user : 0,
                HasMeasurementStatus = (flags & 16) != 0, MeasurementStatus = (flags & 16) != 0 ? status : 0,
            };

        Prop.ForAll(values.ToArbitrary(), original =>
        {
            byte[] bytes = BloodPressureMeasurementCodec.Encode(original);
            Assert.True(BloodPressureMeasurementCodec.TryDecode(bytes, 0, bytes.Length, out BloodPressureMeasurement decoded, out _));
            Assert.Equivalent(original, decoded, strict: true);
        }).QuickCheckThrowOnFailure();
    }
}
