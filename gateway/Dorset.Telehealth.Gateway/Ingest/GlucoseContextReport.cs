using System.Text.Json.Serialization;

namespace Dorset.Telehealth.Gateway.Ingest;

/// <summary>
/// What a glucose meter said about the circumstances of a reading (its Glucose Measurement Context), in the cloud
/// contract's words and units (cloud/README.md "glucose.context"): stored with the reading and forwarded as it is.
/// Each part is null when the meter did not send it or sent nothing the contract can carry.
/// </summary>
/// <param name="Meal">preprandial, postprandial, fasting, casual or bedtime.</param>
/// <param name="Tester">self, health-care-professional or lab-test.</param>
/// <param name="Health">minor-issues, major-issues, menses, stress or none.</param>
/// <param name="Exercise">Exercise before the test.</param>
/// <param name="Medication">Insulin noted with the test, in mg or mL.</param>
/// <param name="Carbohydrate">Carbohydrate noted with the test, in g.</param>
/// <param name="HbA1c">An HbA1c the meter reported, in %.</param>
public sealed record GlucoseContextReport(
    string? Meal,
    string? Tester,
    string? Health,
    ContextExercise? Exercise,
    ContextAmount? Medication,
    ContextAmount? Carbohydrate,
    [property: JsonPropertyName("hba1c")] ContextAmount? HbA1c);

/// <summary>Exercise before a glucose test.</summary>
/// <param name="DurationSeconds">0..65535 s; 65535 is the meter's overrun, "at least that long".</param>
/// <param name="IntensityPercent">0..100 %, or null when the meter sent a value outside it.</param>
public sealed record ContextExercise(int DurationSeconds, int? IntensityPercent);

/// <summary>An amount the meter noted: what (medication or carbohydrate type, or null), exact decimal text, unit.</summary>
/// <param name="Type">rapid-acting-insulin ... pre-mixed-insulin, or breakfast ... brunch; null when not given or a reserved code.</param>
/// <param name="Value">An exact decimal, never negative.</param>
/// <param name="Unit">mg or mL (medication), g (carbohydrate), % (HbA1c).</param>
public sealed record ContextAmount(string? Type, string Value, string Unit);
