using System.Globalization;
using Dorset.Telehealth.Protocol.Contract;
using Dorset.Telehealth.Protocol.Glucose;
using Dorset.Telehealth.Protocol.Numbers;

namespace Dorset.Telehealth.Gateway.Ingest;

/// <summary>
/// A meter's Glucose Measurement Context as it came in the frame (codes and SI amounts as sent) to the contract's
/// <see cref="GlucoseContextReport"/>: codes by their names (Protocol's <see cref="GlucoseContextNames"/>), amounts
/// converted exactly by powers of ten (kg to g or mg, L to mL). A part the contract cannot carry is left out rather
/// than sent for the cloud to refuse the whole batch over: a special value, a negative amount, an HbA1c over 100 %.
/// </summary>
public static class GlucoseContextMapper
{
    /// <summary>The report of <paramref name="context"/>, or null when nothing in it can be carried.</summary>
    public static GlucoseContextReport? Map(GlucoseContext? context)
    {
        if (context == null)
        {
            return null;
        }

        var report = new GlucoseContextReport(
            context.HasMeal ? GlucoseContextNames.Name(GlucoseContextNames.Meals, context.Meal) : null,
            context.HasTesterHealth ? GlucoseContextNames.Name(GlucoseContextNames.Testers, context.Tester) : null,
            context.HasTesterHealth ? GlucoseContextNames.Name(GlucoseContextNames.Healths, context.Health) : null,
            context.HasExercise ? new ContextExercise(context.ExerciseSeconds, context.ExerciseIntensityPercent <= 100 ? context.ExerciseIntensityPercent : null) : null,
            context.HasMedication
                ? Amount(GlucoseContextNames.Name(GlucoseContextNames.Medications, context.MedicationId), context.Medication,
                    context.MedicationInLitres ? 3 : 6, context.MedicationInLitres ? "mL" : "mg", null)
                : null,
            context.HasCarbohydrate ? Amount(GlucoseContextNames.Name(GlucoseContextNames.Carbohydrates, context.CarbohydrateId), context.CarbohydrateKilograms, 3, "g", null) : null,
            context.HasHbA1c ? Amount(null, context.HbA1cPercent, 0, "%", 100m) : null);
        return report == Empty ? null : report;
    }

    private static readonly GlucoseContextReport Empty = new(null, null, null, null, null, null, null);

    private static ContextAmount? Amount(string? type, MedicalFloat value, int powerOfTen, string unit, decimal? max)
    {
        // What does not fit the contract's exact decimal is not sent.
        if (!ContractDecimal.TryParse(value.ScaleByPowerOfTen(powerOfTen), out decimal exact) || exact < 0 || exact > max)
        {
            return null;
        }

        string? text = ContractDecimal.Text(exact);
        return text == null || exact != decimal.Parse(text, CultureInfo.InvariantCulture) ? null : new ContextAmount(type, text, unit);
    }
}
