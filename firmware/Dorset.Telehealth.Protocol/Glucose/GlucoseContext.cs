using Dorset.Telehealth.Protocol.Numbers;

namespace Dorset.Telehealth.Protocol.Glucose
{
    /// <summary>
    /// A Glucose Measurement Context 0x2A34 record (GLS 1.0, 3.107), paired with its measurement by
    /// <see cref="Sequence"/>. Codes are kept as sent (meal, tester, health, medication id), reserved values included,
    /// because a newer meter may use codes this firmware does not know.
    /// </summary>
    public sealed class GlucoseContext
    {
        /// <summary>The sequence number of the measurement this context belongs to.</summary>
        public int Sequence { get; set; }

        /// <summary>True when the extended flags byte is present.</summary>
        public bool HasExtendedFlags { get; set; }

        /// <summary>The extended flags byte (reserved for future use).</summary>
        public int ExtendedFlags { get; set; }

        /// <summary>True when carbohydrate id and amount are present.</summary>
        public bool HasCarbohydrate { get; set; }

        /// <summary>1 breakfast, 2 lunch, 3 dinner, 4 snack, 5 drink, 6 supper, 7 brunch.</summary>
        public int CarbohydrateId { get; set; }

        /// <summary>Carbohydrate in kg.</summary>
        public MedicalFloat CarbohydrateKilograms { get; set; }

        /// <summary>True when the meal byte is present.</summary>
        public bool HasMeal { get; set; }

        /// <summary>1 preprandial, 2 postprandial, 3 fasting, 4 casual, 5 bedtime.</summary>
        public int Meal { get; set; }

        /// <summary>True when the tester/health byte is present.</summary>
        public bool HasTesterHealth { get; set; }

        /// <summary>1 self, 2 health care professional, 3 lab test, 15 not available.</summary>
        public int Tester { get; set; }

        /// <summary>1 minor issues, 2 major issues, 3 menses, 4 stress, 5 none, 15 not available.</summary>
        public int Health { get; set; }

        /// <summary>True when exercise duration and intensity are present.</summary>
        public bool HasExercise { get; set; }

        /// <summary>Exercise duration in seconds (65535 = overrun).</summary>
        public int ExerciseSeconds { get; set; }

        /// <summary>Exercise intensity in percent.</summary>
        public int ExerciseIntensityPercent { get; set; }

        /// <summary>True when medication id and amount are present.</summary>
        public bool HasMedication { get; set; }

        /// <summary>1 rapid-acting, 2 short-acting, 3 intermediate-acting, 4 long-acting insulin, 5 pre-mixed.</summary>
        public int MedicationId { get; set; }

        /// <summary>Medication amount, in kg or litres (<see cref="MedicationInLitres"/>).</summary>
        public MedicalFloat Medication { get; set; }

        /// <summary>True when the medication amount is in litres, false for kilograms (flags bit 5).</summary>
        public bool MedicationInLitres { get; set; }

        /// <summary>True when HbA1c is present.</summary>
        public bool HasHbA1c { get; set; }

        /// <summary>HbA1c in percent.</summary>
        public MedicalFloat HbA1cPercent { get; set; }
    }
}
