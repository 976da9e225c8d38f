using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.Time;
using FsCheck;
using FsCheck.Fluent;

namespace Dorset.Telehealth.Protocol.Tests.Properties;

/// <summary>FsCheck generators for the values the characteristics carry.</summary>
public static class ProtocolGenerators
{
    /// <summary>Any SFLOAT a device can send: numbers in range and every special value.</summary>
    public static Gen<MedicalFloat> SFloat { get; } = Gen.Frequency(
        (9, from mantissa in Gen.Choose(-2045, 2045) from exponent in Gen.Choose(-8, 7) select new MedicalFloat(mantissa, exponent)),
        (1, Gen.Elements(MedicalFloat.NaN, MedicalFloat.NRes, MedicalFloat.PositiveInfinity, MedicalFloat.NegativeInfinity, MedicalFloat.Reserved)));

    /// <summary>Valid Date Time values, including the "unknown" zero parts.</summary>
    public static Gen<DeviceTime> Time { get; } =
        from year in Gen.Elements(0, 1582, 2024, 9999)
        from month in Gen.Choose(0, 12)
        from day in Gen.Choose(0, 28)
        from hours in Gen.Choose(0, 23)
        from minutes in Gen.Choose(0, 59)
        from seconds in Gen.Choose(0, 59)
        select new DeviceTime(year, month, day, hours, minutes, seconds);

    /// <summary>Byte arrays of 0..40 bytes, biased to the lengths health records have.</summary>
    public static Gen<byte[]> Bytes { get; } =
        from length in Gen.Choose(0, 40)
        from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length)
        select bytes;
}
