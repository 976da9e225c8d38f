using System;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Glucose;
using Dorset.Telehealth.Protocol.Numbers;

namespace Dorset.Telehealth.Protocol.Uplink
{
    /// <summary>
    /// A glucose reading's context in a v2 frame (firmware/PROTOCOL.md "Glucose context"): the Glucose Measurement
    /// Context record's own flags and fields in its own order, its amounts as the frame's exact values. The sequence is
    /// the reading's device sequence and the extended flags are reserved by GLS, so neither travels.
    /// </summary>
    internal static class FrameGlucoseContext
    {
        private const int Carbohydrate = 1 << 0;
        private const int Meal = 1 << 1;
        private const int TesterHealth = 1 << 2;
        private const int Exercise = 1 << 3;
        private const int Medication = 1 << 4;
        private const int MedicationInLitres = 1 << 5;
        private const int HbA1c = 1 << 6;
        private const int Reserved = 1 << 7;

        /// <exception cref="ArgumentException">A code is wider than its field.</exception>
        internal static void Write(FrameWriter writer, GlucoseContext c)
        {
            int flags = (c.HasCarbohydrate ? Carbohydrate : 0) | (c.HasMeal ? Meal : 0) | (c.HasTesterHealth ? TesterHealth : 0)
                | (c.HasExercise ? Exercise : 0) | (c.HasMedication ? Medication : 0)
                | (c.HasMedication && c.MedicationInLitres ? MedicationInLitres : 0) | (c.HasHbA1c ? HbA1c : 0);
            writer.WriteByte(flags);
            if (c.HasCarbohydrate)
            {
                writer.WriteByte(Byte(c.CarbohydrateId, "carbohydrate id"));
                writer.WriteValue(c.CarbohydrateKilograms);
            }

            if (c.HasMeal)
            {
                writer.WriteByte(Byte(c.Meal, "meal"));
            }

            if (c.HasTesterHealth)
            {
                if (c.Tester < 0 || c.Tester > 15 || c.Health < 0 || c.Health > 15)
                {
                    throw new ArgumentException("tester and health are nibbles, 0..15");
                }

                writer.WriteByte(c.Tester | (c.Health << 4));
            }

            if (c.HasExercise)
            {
                if (c.ExerciseSeconds < 0 || c.ExerciseSeconds > 0xFFFF)
                {
                    throw new ArgumentException("exercise duration is 0..65535 s");
                }

                writer.WriteVarint((ulong)c.ExerciseSeconds);
                writer.WriteByte(Byte(c.ExerciseIntensityPercent, "exercise intensity"));
            }

            if (c.HasMedication)
            {
                writer.WriteByte(Byte(c.MedicationId, "medication id"));
                writer.WriteValue(c.Medication);
            }

            if (c.HasHbA1c)
            {
                writer.WriteValue(c.HbA1cPercent);
            }
        }

        internal static bool TryRead(FrameReader reader, string field, int sequence, out GlucoseContext context, out DecodeFailure failure)
        {
            context = null;
            int flags;
            if (!reader.TryReadByte(field + ".flags", out flags, out failure))
            {
                return false;
            }

            if ((flags & Reserved) != 0 || ((flags & MedicationInLitres) != 0 && (flags & Medication) == 0))
            {
                failure = new DecodeFailure(DecodeStatus.Inconsistent, field + ".flags", field + ".flags 0x" + flags.ToString("X2") + " sets bit 7, or bit 5 (litres) without bit 4 (medication)");
                return false;
            }

            var c = new GlucoseContext();
            c.Sequence = sequence;
            int code;
            MedicalFloat amount;
            if ((flags & Carbohydrate) != 0)
            {
                if (!TryReadCodedAmount(reader, field + ".carbohydrate", out code, out amount, out failure))
                {
                    return false;
                }

                c.HasCarbohydrate = true;
                c.CarbohydrateId = code;
                c.CarbohydrateKilograms = amount;
            }

            if ((flags & Meal) != 0)
            {
                if (!reader.TryReadByte(field + ".meal", out code, out failure))
                {
                    return false;
                }

                c.HasMeal = true;
                c.Meal = code;
            }

            if ((flags & TesterHealth) != 0)
            {
                if (!reader.TryReadByte(field + ".testerHealth", out code, out failure))
                {
                    return false;
                }

                c.HasTesterHealth = true;
                c.Tester = code & 0x0F;
                c.Health = code >> 4;
            }

            if ((flags & Exercise) != 0 && !TryReadExercise(reader, field, c, out failure))
            {
                return false;
            }

            if ((flags & Medication) != 0)
            {
                if (!TryReadCodedAmount(reader, field + ".medication", out code, out amount, out failure))
                {
                    return false;
                }

                c.HasMedication = true;
                c.MedicationId = code;
                c.Medication = amount;
                c.MedicationInLitres = (flags & MedicationInLitres) != 0;
            }

            if ((flags & HbA1c) != 0)
            {
                if (!reader.TryReadValue(field + ".hba1c", out amount, out failure))
                {
                    return false;
                }

                c.HasHbA1c = true;
                c.HbA1cPercent = amount;
            }

            context = c;
            return true;
        }

        /// <summary>An id byte then its amount, as carbohydrate and medication are laid out.</summary>
        private static bool TryReadCodedAmount(FrameReader reader, string field, out int code, out MedicalFloat amount, out DecodeFailure failure)
        {
            amount = MedicalFloat.NaN;
            return reader.TryReadByte(field + "Id", out code, out failure) && reader.TryReadValue(field, out amount, out failure);
        }

        private static bool TryReadExercise(FrameReader reader, string field, GlucoseContext c, out DecodeFailure failure)
        {
            ulong seconds;
            int intensity;
            if (!reader.TryReadVarint(field + ".exerciseDuration", out seconds, out failure)
                || !reader.TryReadByte(field + ".exerciseIntensity", out intensity, out failure))
            {
                return false;
            }

            if (seconds > 0xFFFF)
            {
                failure = new DecodeFailure(DecodeStatus.OutOfRange, field + ".exerciseDuration", field + ".exerciseDuration is wider than 16 bits");
                return false;
            }

            c.HasExercise = true;
            c.ExerciseSeconds = (int)seconds;
            c.ExerciseIntensityPercent = intensity;
            return true;
        }

        private static int Byte(int value, string name)
        {
            if (value < 0 || value > 0xFF)
            {
                throw new ArgumentException(name + " is one byte, 0..255");
            }

            return value;
        }
    }
}
