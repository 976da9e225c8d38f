using Dorset.Telehealth.Protocol.Decoding;

namespace Dorset.Telehealth.Protocol.Glucose
{
    /// <summary>Encodes Glucose Measurement Context 0x2A34; the inverse of <see cref="GlucoseContextDecoder"/>.</summary>
    public static class GlucoseContextEncoder
    {
        /// <summary>The record's bytes, flags set from what <paramref name="context"/> has.</summary>
        public static byte[] Encode(GlucoseContext context)
        {
            int flags = 0;
            flags |= context.HasCarbohydrate ? GlucoseContextDecoder.CarbohydratePresent : 0;
            flags |= context.HasMeal ? GlucoseContextDecoder.MealPresent : 0;
            flags |= context.HasTesterHealth ? GlucoseContextDecoder.TesterHealthPresent : 0;
            flags |= context.HasExercise ? GlucoseContextDecoder.ExercisePresent : 0;
            flags |= context.HasMedication ? GlucoseContextDecoder.MedicationPresent : 0;
            flags |= context.HasMedication && context.MedicationInLitres ? GlucoseContextDecoder.MedicationInLitres : 0;
            flags |= context.HasHbA1c ? GlucoseContextDecoder.HbA1cPresent : 0;
            flags |= context.HasExtendedFlags ? GlucoseContextDecoder.ExtendedFlagsPresent : 0;

            var writer = new GattWriter(GlucoseContextDecoder.SizeFor(flags));
            writer.WriteUInt8(flags);
            writer.WriteUInt16(context.Sequence);
            if (context.HasExtendedFlags)
            {
                writer.WriteUInt8(context.ExtendedFlags);
            }

            if (context.HasCarbohydrate)
            {
                writer.WriteUInt8(context.CarbohydrateId);
                writer.WriteSFloat(context.CarbohydrateKilograms);
            }

            if (context.HasMeal)
            {
                writer.WriteUInt8(context.Meal);
            }

            if (context.HasTesterHealth)
            {
                writer.WriteUInt8((context.Tester & 0x0F) | ((context.Health & 0x0F) << 4));
            }

            if (context.HasExercise)
            {
                writer.WriteUInt16(context.ExerciseSeconds);
                writer.WriteUInt8(context.ExerciseIntensityPercent);
            }

            if (context.HasMedication)
            {
                writer.WriteUInt8(context.MedicationId);
                writer.WriteSFloat(context.Medication);
            }

            if (context.HasHbA1c)
            {
                writer.WriteSFloat(context.HbA1cPercent);
            }

            return writer.ToArray();
        }
    }
}
