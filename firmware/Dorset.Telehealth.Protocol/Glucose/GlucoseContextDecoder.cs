using Dorset.Telehealth.Protocol.Decoding;

namespace Dorset.Telehealth.Protocol.Glucose
{
    /// <summary>Decodes Glucose Measurement Context 0x2A34 (GLS 1.0, 3.107).</summary>
    public static class GlucoseContextDecoder
    {
        // Cached: converting the method group on every call would allocate a delegate per decoded record.
        private static readonly FlaggedSize SizeOfRecord = SizeFor;

        internal const int CarbohydratePresent = 1 << 0;
        internal const int MealPresent = 1 << 1;
        internal const int TesterHealthPresent = 1 << 2;
        internal const int ExercisePresent = 1 << 3;
        internal const int MedicationPresent = 1 << 4;
        internal const int MedicationInLitres = 1 << 5;
        internal const int HbA1cPresent = 1 << 6;
        internal const int ExtendedFlagsPresent = 1 << 7;

        /// <summary>Decodes a context record; the flags' promised length is checked before any field is read.</summary>
        public static bool TryDecode(byte[] buffer, int offset, int count, out GlucoseContext context, out DecodeFailure failure)
        {
            context = null;
            var reader = new GattReader(buffer, offset, count);
            int flags;
            if (!reader.TryReadFlags(SizeOfRecord, out flags, out failure))
            {
                return false;
            }

            var result = new GlucoseContext();
            result.Sequence = reader.ReadUInt16();
            if ((flags & ExtendedFlagsPresent) != 0)
            {
                result.HasExtendedFlags = true;
                result.ExtendedFlags = reader.ReadUInt8();
            }

            if ((flags & CarbohydratePresent) != 0)
            {
                result.HasCarbohydrate = true;
                result.CarbohydrateId = reader.ReadUInt8();
                result.CarbohydrateKilograms = reader.ReadSFloat();
            }

            if ((flags & MealPresent) != 0)
            {
                result.HasMeal = true;
                result.Meal = reader.ReadUInt8();
            }

            if ((flags & TesterHealthPresent) != 0)
            {
                result.HasTesterHealth = true;
                int testerHealth = reader.ReadUInt8();
                result.Tester = testerHealth & 0x0F;
                result.Health = testerHealth >> 4;
            }

            if ((flags & ExercisePresent) != 0)
            {
                result.HasExercise = true;
                result.ExerciseSeconds = reader.ReadUInt16();
                result.ExerciseIntensityPercent = reader.ReadUInt8();
            }

            if ((flags & MedicationPresent) != 0)
            {
                result.HasMedication = true;
                result.MedicationId = reader.ReadUInt8();
                result.Medication = reader.ReadSFloat();
                result.MedicationInLitres = (flags & MedicationInLitres) != 0;
            }

            if ((flags & HbA1cPresent) != 0)
            {
                result.HasHbA1c = true;
                result.HbA1cPercent = reader.ReadSFloat();
            }

            context = result;
            return true;
        }

        /// <summary>The bytes a context record with these flags occupies.</summary>
        internal static int SizeFor(int flags)
        {
            int size = 3;
            size += (flags & ExtendedFlagsPresent) != 0 ? 1 : 0;
            size += (flags & CarbohydratePresent) != 0 ? 3 : 0;
            size += (flags & MealPresent) != 0 ? 1 : 0;
            size += (flags & TesterHealthPresent) != 0 ? 1 : 0;
            size += (flags & ExercisePresent) != 0 ? 3 : 0;
            size += (flags & MedicationPresent) != 0 ? 3 : 0;
            size += (flags & HbA1cPresent) != 0 ? 2 : 0;
            return size;
        }
    }
}
