using System;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Glucose;
using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.Tests.Properties;
using FsCheck;
using FsCheck.Fluent;

namespace Dorset.Telehealth.Protocol.Tests.Glucose;

public class GlucoseContextTests
{
    [Fact]
    public void TryDecode_EveryField_InSpecOrder()
    {
        // flags 0xFF: all fields, medication in litres; seq 7; ext 0x00; carbs breakfast 55e-3 kg; meal preprandial;
        // tester self / health none; exercise 1800 s at 50 %; rapid-acting 1e-5 L; HbA1c 6.5 %.
        byte[] bytes = Convert.FromHexString("FF07000001 37D0 01 51 0807 32 01 01B0 41F0".Replace(" ", string.Empty));

        Assert.True(GlucoseContextDecoder.TryDecode(bytes, 0, bytes.Length, out GlucoseContext c, out _));
        Assert.Equal(7, c.Sequence);
        Assert.True(c.HasExtendedFlags);
        Assert.Equal(1, c.CarbohydrateId);
        Assert.Equal(new MedicalFloat(55, -3), c.CarbohydrateKilograms);
        Assert.Equal(1, c.Meal);
        Assert.Equal(1, c.Tester);
        Assert.Equal(5, c.Health);
        Assert.Equal(1800, c.ExerciseSeconds);
        Assert.Equal(50, c.ExerciseIntensityPercent);
        Assert.Equal(1, c.MedicationId);
        Assert.True(c.MedicationInLitres);
        Assert.Equal(new MedicalFloat(1, -5), c.Medication);
        Assert.Equal("6.5", c.HbA1cPercent.ToString());
    }

    [Fact]
    public void TryDecode_ReservedMealCode_IsKeptAsSent()
    {
        byte[] bytes = Convert.FromHexString("02040006");

        Assert.True(GlucoseContextDecoder.TryDecode(bytes, 0, bytes.Length, out GlucoseContext c, out _));
        Assert.Equal(4, c.Sequence);
        Assert.Equal(6, c.Meal);
        Assert.False(c.HasCarbohydrate);
    }

    [Theory]
    [InlineData("02", "flags need 4 bytes, got 1")]
    [InlineData("400700", "flags need 5 bytes, got 3")]
    [InlineData("FF07000001", "flags need 17 bytes, got 5")]
    public void TryDecode_FlagsPromisingAbsentBytes_Fails(string hex, string message)
    {
        byte[] bytes = Convert.FromHexString(hex);

        Assert.False(GlucoseContextDecoder.TryDecode(bytes, 0, bytes.Length, out GlucoseContext c, out DecodeFailure failure));
        Assert.Null(c);
        Assert.Equal(message, failure.Message);
    }

    [Fact]
    public void EncodeThenDecode_IsTheIdentity()
    {
        var contexts =
            from flags in Gen.Choose(0, 255)
            from sequence in Gen.Choose(0, 65535)
            from small in Gen.ArrayOf(Gen.Choose(0, 15), 6)
            from seconds in Gen.Choose(0, 65535)
            from sfloats in Gen.ArrayOf(ProtocolGenerators.SFloat, 3)
            select new GlucoseContext
            {
                Sequence = sequence,
                HasExtendedFlags = (flags & 0x80) != 0, ExtendedFlags = (flags & 0x80) != 0 ? small[0] : 0,
                HasCarbohydrate = (flags & 1) != 0, CarbohydrateId = (flags & 1) != 0 ? small[1] : 0, CarbohydrateKilograms = (flags & 1) != 0 ? sfloats[0] : default,
                HasMeal = (flags & 2) != 0, Meal = (flags & 2) != 0 ? small[2] : 0,
                HasTesterHealth = (flags & 4) != 0, Tester = (flags & 4) != 0 ? small[3] : 0, Health = (flags & 4) != 0 ? small[4] : 0,
                HasExercise = (flags & 8) != 0, ExerciseSeconds = (flags & 8) != 0 ? seconds : 0, ExerciseIntensityPercent = (flags & 8) != 0 ? small[5] : 0,
                HasMedication = (flags & 16) != 0, MedicationId = (flags & 16) != 0 ? small[0] : 0, Medication = (flags & 16) != 0 ? sfloats[1] : default,
                MedicationInLitres = (flags & 16) != 0 && (flags & 32) != 0,
                HasHbA1c = (flags & 64) != 0, HbA1cPercent = (flags & 64) != 0 ? sfloats[2] : default,
            };

        Prop.ForAll(contexts.ToArbitrary(), original =>
        {
            byte[] bytes = GlucoseContextEncoder.Encode(original);
            Assert.True(GlucoseContextDecoder.TryDecode(bytes, 0, bytes.Length, out GlucoseContext decoded, out _));
            Assert.Equivalent(original, decoded, strict: true);
        }).QuickCheckThrowOnFailure();
    }
}
