using System;
using System.Linq;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Glucose;
using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.Tests.Properties;
using Dorset.Telehealth.Protocol.Time;
using Dorset.Telehealth.Protocol.Uplink;
using FsCheck;
using FsCheck.Fluent;

namespace Dorset.Telehealth.Protocol.Tests.Uplink;

public class UplinkFrameTests
{
    private static byte[] TenMixedBytes() => UplinkFrameEncoder.Encode(SampleReadings.TenMixed());

    [Fact]
    public void EncodeThenDecode_TenMixedReadings_KeepsEveryField()
    {
        UplinkFrame original = SampleReadings.TenMixed();
        byte[] bytes = UplinkFrameEncoder.Encode(original);

        Assert.True(UplinkFrameDecoder.TryDecode(bytes, 0, bytes.Length, out UplinkFrame decoded, out _));
        AssertSameFrame(original, decoded);
    }

    [Fact]
    public void Encode_NormalisesTrailingZeros_WithoutChangingTheValue()
    {
        UplinkFrame frame = SampleReadings.TenMixed();
        byte[] bytes = UplinkFrameEncoder.Encode(frame);

        Assert.True(UplinkFrameDecoder.TryDecode(bytes, 0, bytes.Length, out UplinkFrame decoded, out _));
        Assert.Equal("81.25", decoded.Readings[7].Values[0].ToString());
        Assert.Equal(new MedicalFloat(8125, -2), decoded.Readings[7].Values[0]);
    }

    [Fact]
    public void SpecialValues_SurviveTheFrame()
    {
        var reading = SampleReadings.Oximetry(90, 60, 0);
        reading.Values = [MedicalFloat.NaN, MedicalFloat.NRes];
        byte[] bytes = UplinkFrameEncoder.Encode(new UplinkFrame { FirstSequence = 1, Readings = [reading] });

        Assert.True(UplinkFrameDecoder.TryDecode(bytes, 0, bytes.Length, out UplinkFrame decoded, out _));
        Assert.Equal(MedicalFloat.NaN, decoded.Readings[0].Values[0]);
        Assert.Equal(MedicalFloat.NRes, decoded.Readings[0].Values[1]);
    }

    [Fact]
    public void TenMixedReadings_NameThreeDevices_EachAddressOnce()
    {
        byte[] bytes = TenMixedBytes();
        string hex = Convert.ToHexString(bytes);

        Assert.Equal(UplinkFrame.CurrentVersion, bytes[0]);
        Assert.Equal(3, bytes[8]);
        Assert.Equal(1, CountOf(hex, "C026DA010203"));
        Assert.Equal(1, CountOf(hex, "001C05123456"));
        Assert.Equal(0x12, bytes[8 + 1 + 14]);
    }

    [Fact]
    public void VersionOne_IsStillWrittenOnRequest_AndReadsBackWithSlotsAndNoAddresses()
    {
        UplinkFrame original = SampleReadings.TenMixed();
        original.Version = UplinkFrame.FirstVersion;
        byte[] bytes = UplinkFrameEncoder.Encode(original);

        Assert.True(UplinkFrameDecoder.TryDecode(bytes, 0, bytes.Length, out UplinkFrame decoded, out _));
        Assert.Equal(UplinkFrame.FirstVersion, decoded.Version);
        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 2, 2, 2], decoded.Readings.Select(r => r.Slot));
        Assert.All(decoded.Readings, r => Assert.Null(r.DeviceAddress));
        Assert.Equal(bytes, UplinkFrameEncoder.Encode(decoded));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("C0:26:DA:01:02")]
    [InlineData("C0-26-DA-01-02-03")]
    [InlineData("G0:26:DA:01:02:03")]
    public void VersionTwoReading_WithoutAValidAddress_IsRefusedByTheEncoder(string? address)
    {
        UplinkReading reading = SampleReadings.Glucose(1, 100, 0);
        reading.DeviceAddress = address;

        var e = Assert.Throws<ArgumentException>(() => UplinkFrameEncoder.Encode(new UplinkFrame { Readings = [reading] }));
        Assert.Contains("address", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Context_OnAVersionOneFrameOrAWeight_IsRefusedByTheEncoder()
    {
        UplinkReading glucose = SampleReadings.Glucose(1, 100, 0);
        glucose.Context = new GlucoseContext { HasMeal = true, Meal = 1 };
        UplinkReading weight = SampleReadings.Weight(80000, 0);
        weight.Context = glucose.Context;

        Assert.Throws<ArgumentException>(() => UplinkFrameEncoder.Encode(new UplinkFrame { Version = UplinkFrame.FirstVersion, Readings = [glucose] }));
        Assert.Throws<ArgumentException>(() => UplinkFrameEncoder.Encode(new UplinkFrame { Readings = [weight] }));
    }

    [Fact]
    public void SeventeenDevices_AreRefused_SixteenFit()
    {
        UplinkReading[] readings = Enumerable.Range(0, 17).Select(i =>
        {
            UplinkReading r = SampleReadings.Oximetry(97, 70, i);
            r.DeviceAddress = "00:1C:05:12:34:" + i.ToString("X2", System.Globalization.CultureInfo.InvariantCulture);
            return r;
        }).ToArray();

        Assert.Throws<ArgumentException>(() => UplinkFrameEncoder.Encode(new UplinkFrame { Readings = readings }));
        byte[] sixteen = UplinkFrameEncoder.Encode(new UplinkFrame { Readings = readings[..16] });
        Assert.True(UplinkFrameDecoder.TryDecode(sixteen, 0, sixteen.Length, out UplinkFrame decoded, out _));
        Assert.Equal(readings[15].DeviceAddress, decoded.Readings[15].DeviceAddress);
    }

    [Fact]
    public void InvalidDeviceTime_TravelsAsAFlagWithoutATime_AndNeverBesideOne()
    {
        UplinkReading weight = SampleReadings.Weight(80000, 0);
        weight.DeviceTime = null;
        weight.DeviceTimeInvalid = true;
        byte[] bytes = UplinkFrameEncoder.Encode(new UplinkFrame { Readings = [weight] });

        Assert.True(UplinkFrameDecoder.TryDecode(bytes, 0, bytes.Length, out UplinkFrame decoded, out _));
        Assert.True(decoded.Readings[0].DeviceTimeInvalid);
        Assert.Null(decoded.Readings[0].DeviceTime);
        Assert.Equal("80", decoded.Readings[0].Values[0].ToString());

        UplinkReading both = SampleReadings.Weight(80000, 0);
        both.DeviceTimeInvalid = true;
        Assert.Throws<ArgumentException>(() => UplinkFrameEncoder.Encode(new UplinkFrame { Readings = [both] }));
        // Header 7 bytes (first sequence 0 is one varint byte), one device (1 + 7), then the kind byte: the flags follow.
        byte[] forged = Reframe(bytes, body => body[7 + 8 + 1] |= 0x02);
        Assert.False(UplinkFrameDecoder.TryDecode(forged, 0, forged.Length, out _, out DecodeFailure failure));
        Assert.Equal("readings[0].flags marks the device time invalid and carries one", failure.Message);
    }

    [Theory]
    [InlineData(65536, 0)]
    [InlineData(-2, 0)]
    [InlineData(1, 0x10000)]
    public void AReadingTheDecoderWouldRefuse_IsRefusedByTheEncoder_SoNoStoredReadingFailsToDecode(int sequence, int status)
    {
        UplinkReading reading = SampleReadings.Glucose(1, 100, 0);
        reading.DeviceSequence = sequence;
        reading.HasStatus = status != 0;
        reading.Status = status;

        Assert.Throws<ArgumentException>(() => UplinkFrameEncoder.Encode(new UplinkFrame { Readings = [reading] }));
    }

    [Fact]
    public void UnknownVersion_IsRejectedNamingTheVersion()
    {
        byte[] bytes = TenMixedBytes();
        bytes[0] = 3;

        Assert.False(UplinkFrameDecoder.TryDecode(bytes, 0, bytes.Length, out UplinkFrame frame, out DecodeFailure failure));
        Assert.Null(frame);
        Assert.Equal(DecodeStatus.UnsupportedVersion, failure.Status);
        Assert.Equal("version 3 is not supported (this decoder reads versions 1 and 2)", failure.Message);
    }

    [Fact]
    public void AnySingleBitFlip_AfterTheVersion_IsCaughtByTheCrc()
    {
        byte[] good = TenMixedBytes();
        for (int bit = 8; bit < good.Length * 8; bit++)
        {
            byte[] bad = (byte[])good.Clone();
            bad[bit / 8] ^= (byte)(1 << (bit % 8));

            Assert.False(UplinkFrameDecoder.TryDecode(bad, 0, bad.Length, out _, out DecodeFailure failure));
            Assert.Equal(DecodeStatus.BadChecksum, failure.Status);
        }
    }

    [Fact]
    public void EveryTruncation_IsRejected()
    {
        byte[] good = TenMixedBytes();
        for (int length = 0; length < good.Length; length++)
        {
            Assert.False(UplinkFrameDecoder.TryDecode(good, 0, length, out UplinkFrame frame, out DecodeFailure failure));
            Assert.Null(frame);
            Assert.False(string.IsNullOrEmpty(failure.Message));
        }
    }

    [Theory]
    [InlineData(0x50, "readings[0].kind 5 is not defined by the specification")]
    [InlineData(0x00, "readings[0].kind 0 is not defined by the specification")]
    public void UnknownKind_WithAValidCrc_IsRejectedNamingTheReading(int kindByte, string message)
    {
        byte[] bytes = Reframe(TenMixedBytes(), body => body[SampleReadings.TenMixedFirstReading] = (byte)kindByte);

        Assert.False(UplinkFrameDecoder.TryDecode(bytes, 0, bytes.Length, out _, out DecodeFailure failure));
        Assert.Equal(message, failure.Message);
    }

    [Fact]
    public void ReservedFlagBits_WithAValidCrc_AreRejected()
    {
        byte[] bytes = Reframe(TenMixedBytes(), body => body[SampleReadings.TenMixedFirstReading + 1] |= 0x80);

        Assert.False(UplinkFrameDecoder.TryDecode(bytes, 0, bytes.Length, out _, out DecodeFailure failure));
        Assert.Equal("readings[0].flags", failure.Field);
    }

    [Fact]
    public void CountLargerThanTheReadings_WithAValidCrc_IsRejected()
    {
        byte[] bytes = Reframe(TenMixedBytes(), body => body[3] = 11);

        Assert.False(UplinkFrameDecoder.TryDecode(bytes, 0, bytes.Length, out _, out DecodeFailure failure));
        Assert.Equal(DecodeStatus.TooShort, failure.Status);
        Assert.StartsWith("readings[10]", failure.Field);
    }

    [Fact]
    public void BytesAfterTheLastReading_WithAValidCrc_AreRejected()
    {
        byte[] good = TenMixedBytes();
        byte[] body = new byte[good.Length - 4 + 1];
        Array.Copy(good, body, good.Length - 4);
        byte[] bytes = WithCrc(body);

        Assert.False(UplinkFrameDecoder.TryDecode(bytes, 0, bytes.Length, out _, out DecodeFailure failure));
        Assert.Equal("frame has 1 bytes after its last reading", failure.Message);
    }

    [Fact]
    public void RandomBytes_DecodeOrFailWithAReason_NeverThrow()
    {
        Prop.ForAll(ProtocolGenerators.Bytes.ToArbitrary(), bytes =>
        {
            byte[] framed = bytes.Length > 1 ? WithCrc([(byte)(1 + (bytes[0] & 1)), .. bytes[1..]]) : bytes;
            bool ok = UplinkFrameDecoder.TryDecode(framed, 0, framed.Length, out UplinkFrame frame, out DecodeFailure failure);
            Assert.True(ok ? frame != null : frame == null && failure != null);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void EncodeThenDecode_IsTheIdentity_ForRandomReadings()
    {
        var readings =
            from kind in Gen.Choose(1, 4)
            from device in Gen.Choose(0, Devices.Length - 1)
            from context in ProtocolGenerators.GlucoseContext
            from sequence in Gen.Choose(-1, 65535)
            from time in ProtocolGenerators.Time
            from receivedOffset in Gen.Choose(0, 100_000_000)
            from flags in Gen.Choose(0, 63)
            from values in Gen.ArrayOf(ProtocolGenerators.SFloat, 4)
            from nibbles in Gen.Choose(0, 255)
            from status in Gen.Choose(0, 0xFFFF)
            from deviceStatus in Gen.Choose(0, 0xFFFFFF)
            from user in Gen.Choose(0, 255)
            select Reading((ReadingKind)kind, Devices[device], sequence, time, receivedOffset, flags, values, nibbles, status, deviceStatus, user, context);
        var frames =
            from first in Gen.Choose(0, int.MaxValue)
            from list in Gen.NonEmptyListOf(readings)
            select new UplinkFrame { FirstSequence = (uint)first, Readings = list.Take(UplinkFrame.MaxReadings).ToArray() };

        Prop.ForAll(frames.ToArbitrary(), original =>
        {
            byte[] bytes = UplinkFrameEncoder.Encode(original);
            Assert.True(UplinkFrameDecoder.TryDecode(bytes, 0, bytes.Length, out UplinkFrame decoded, out DecodeFailure failure), failure?.Message);
            AssertSameFrame(original, decoded);
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>Devices a random frame draws from: two share a slot (re-paired), two share an address (one dialled random).</summary>
    private static readonly (int Slot, string Address, bool Random)[] Devices =
    [
        (0, SampleReadings.Meter, false), (1, SampleReadings.Oximeter, false), (2, SampleReadings.Scale, true), (2, "D4:36:39:00:00:07", true),
        (15, "00:5F:BF:11:22:33", false), (15, "00:5F:BF:11:22:33", true), (7, "FF:FF:FF:FF:FF:FF", false), (8, "00:00:00:00:00:00", true),
    ];

    private static UplinkReading Reading(ReadingKind kind, (int Slot, string Address, bool Random) device, int sequence, DeviceTime time, int receivedOffset, int flags,
        MedicalFloat[] values, int nibbles, int status, int deviceStatus, int user, GlucoseContext? context)
    {
        int count = kind switch { ReadingKind.PulseOximetry => 2, ReadingKind.BloodPressure => (flags & 32) != 0 ? 4 : 3, _ => 1 };
        return new UplinkReading
        {
            Kind = kind, Slot = device.Slot, DeviceAddress = device.Address, RandomAddress = device.Random, DeviceSequence = sequence,
            Context = kind == ReadingKind.Glucose ? context : null,
            DeviceTime = time.IsKnown && time.Year >= 2001 ? time : null,
            DeviceTimeInvalid = (flags & 16) != 0 && !(time.IsKnown && time.Year >= 2001),
            ReceivedAt = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(receivedOffset),
            ClockSynchronised = (flags & 1) != 0, AlternateUnit = (flags & 2) != 0,
            Values = values.Take(count).ToArray(),
            GlucoseType = kind == ReadingKind.Glucose ? nibbles & 15 : 0, GlucoseLocation = kind == ReadingKind.Glucose ? nibbles >> 4 : 0,
            HasStatus = (flags & 4) != 0, Status = (flags & 4) != 0 ? status : 0,
            DeviceStatus = (flags & 4) != 0 && kind == ReadingKind.PulseOximetry ? deviceStatus : 0,
            HasUserId = kind == ReadingKind.Weight && (flags & 32) != 0, UserId = kind == ReadingKind.Weight && (flags & 32) != 0 ? user : 0,
        };
    }

    private static void AssertSameFrame(UplinkFrame expected, UplinkFrame actual)
    {
        Assert.Equal(expected.FirstSequence, actual.FirstSequence);
        Assert.Equal(expected.Readings.Length, actual.Readings.Length);
        for (int i = 0; i < expected.Readings.Length; i++)
        {
            UplinkReading e = expected.Readings[i], a = actual.Readings[i];
            Assert.Equal((e.Kind, e.Slot, e.DeviceSequence, e.ClockSynchronised, e.AlternateUnit), (a.Kind, a.Slot, a.DeviceSequence, a.ClockSynchronised, a.AlternateUnit));
            Assert.Equal((e.DeviceTime, e.DeviceTimeInvalid), (a.DeviceTime, a.DeviceTimeInvalid));
            Assert.Equal(e.ReceivedAt, a.ReceivedAt);
            Assert.Equal(e.Values.Select(ValueText), a.Values.Select(ValueText));
            Assert.Equal((e.GlucoseType, e.GlucoseLocation, e.HasStatus, e.Status, e.DeviceStatus, e.HasUserId, e.UserId),
                (a.GlucoseType, a.GlucoseLocation, a.HasStatus, a.Status, a.DeviceStatus, a.HasUserId, a.UserId));
            Assert.Equal((e.DeviceAddress, e.RandomAddress), (a.DeviceAddress, a.RandomAddress));
            Assert.Equal(ContextText(e.Context), ContextText(a.Context));
        }
    }

    /// <summary>Every field of a context that travels (not the extended flags), as text.</summary>
    private static string ContextText(GlucoseContext? c) => c == null ? "none" : string.Join("|",
        c.HasCarbohydrate, c.CarbohydrateId, ValueText(c.CarbohydrateKilograms), c.HasMeal, c.Meal, c.HasTesterHealth, c.Tester, c.Health,
        c.HasExercise, c.ExerciseSeconds, c.ExerciseIntensityPercent, c.HasMedication, c.MedicationId, ValueText(c.Medication), c.MedicationInLitres,
        c.HasHbA1c, ValueText(c.HbA1cPercent));

    /// <summary>The value as an exact decimal (numbers) or its special name: what the frame promises to keep.</summary>
    private static string ValueText(MedicalFloat value) =>
        value.IsNumber ? decimal.Parse(value.ToString(), System.Globalization.CultureInfo.InvariantCulture).ToString("G29", System.Globalization.CultureInfo.InvariantCulture) : value.ToString();

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static byte[] Reframe(byte[] frame, Action<byte[]> change)
    {
        byte[] body = frame[..^4];
        change(body);
        return WithCrc(body);
    }

    private static byte[] WithCrc(byte[] body)
    {
        uint crc = Checksums.Crc32.Compute(body, 0, body.Length);
        return [.. body, (byte)crc, (byte)(crc >> 8), (byte)(crc >> 16), (byte)(crc >> 24)];
    }
}
