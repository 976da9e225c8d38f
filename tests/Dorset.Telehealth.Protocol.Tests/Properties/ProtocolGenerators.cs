using Dorset.Telehealth.Protocol.Glucose;
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

    /// <summary>
    /// A meter's context, or none (null, a third of the time): each part present or not, codes over their whole width
    /// (reserved ones included, as meters may send them).
    /// </summary>
    public static Gen<GlucoseContext?> GlucoseContext { get; } = Gen.Frequency(
        (1, Gen.Constant<GlucoseContext?>(null)),
        (2, from parts in Gen.Choose(0, 127)
            from codes in Gen.ArrayOf(Gen.Choose(0, 255), 5)
            from exercise in Gen.Choose(0, 0xFFFF)
            from amounts in Gen.ArrayOf(SFloat, 3)
            select (GlucoseContext?)new GlucoseContext
            {
                HasCarbohydrate = (parts & 1) != 0, CarbohydrateId = (parts & 1) != 0 ? codes[0] : 0, CarbohydrateKilograms = (parts & 1) != 0 ? amounts[0] : default,
                HasMeal = (parts & 2) != 0, Meal = (parts & 2) != 0 ? codes[1] : 0,
                HasTesterHealth = (parts & 4) != 0, Tester = (parts & 4) != 0 ? codes[2] & 15 : 0, Health = (parts & 4) != 0 ? codes[2] >> 4 : 0,
                HasExercise = (parts & 8) != 0, ExerciseSeconds = (parts & 8) != 0 ? exercise : 0, ExerciseIntensityPercent = (parts & 8) != 0 ? codes[3] : 0,
                HasMedication = (parts & 16) != 0, MedicationId = (parts & 16) != 0 ? codes[4] : 0, Medication = (parts & 16) != 0 ? amounts[1] : default,
                MedicationInLitres = (parts & 48) == 48,
                HasHbA1c = (parts & 64) != 0, HbA1cPercent = (parts & 64) != 0 ? amounts[2] : default,
            }));

    /// <summary>Byte arrays of 0..40 bytes, biased to the lengths health records have.</summary>
    public static Gen<byte[]> Bytes { get; } =
        from length in Gen.Choose(0, 40)
        from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length)
        select bytes;
}
