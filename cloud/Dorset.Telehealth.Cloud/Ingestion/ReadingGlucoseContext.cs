namespace Dorset.Telehealth.Cloud.Ingestion;

/// <summary>
/// A glucose reading's context as the gateway sent it (cloud/README.md "glucose.context"), validated: what the meter
/// said of the test's circumstances. Every part is optional.
/// </summary>
/// <param name="Meal">From <see cref="GlucoseContextVocabulary.Meals"/>.</param>
/// <param name="Tester">From <see cref="GlucoseContextVocabulary.Testers"/>.</param>
/// <param name="Health">From <see cref="GlucoseContextVocabulary.Healths"/>.</param>
/// <param name="Exercise">Exercise before the test.</param>
/// <param name="Medication">Medication noted with the test (mg or mL).</param>
/// <param name="Carbohydrate">Carbohydrate noted with the test (g).</param>
/// <param name="HbA1c">An HbA1c the meter reported (%).</param>
public sealed record ReadingGlucoseContext(
    string? Meal,
    string? Tester,
    string? Health,
    ContextExercise? Exercise,
    ContextAmount? Medication,
    ContextAmount? Carbohydrate,
    ContextAmount? HbA1c);

/// <summary>Exercise: 0..65535 s (65535 = at least that long), intensity 0..100 % or null.</summary>
public sealed record ContextExercise(int DurationSeconds, int? IntensityPercent);

/// <summary>An amount: its type (or null), exact decimal text, unit.</summary>
public sealed record ContextAmount(string? Type, string Value, string Unit);
