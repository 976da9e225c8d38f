using System.Collections.Generic;

namespace Dorset.Telehealth.Cloud.Ingestion;

/// <summary>
/// The words of "glucose.context" (cloud/README.md): the GLS Glucose Measurement Context codes by name. The cloud's own
/// copy of the contract (it shares only JSON with the hub); a test holds it equal to the firmware's Protocol.
/// </summary>
public static class GlucoseContextVocabulary
{
    /// <summary>Meal.</summary>
    public static readonly IReadOnlyList<string> Meals = ["preprandial", "postprandial", "fasting", "casual", "bedtime"];

    /// <summary>Who tested.</summary>
    public static readonly IReadOnlyList<string> Testers = ["self", "health-care-professional", "lab-test"];

    /// <summary>The patient's health at the test.</summary>
    public static readonly IReadOnlyList<string> Healths = ["minor-issues", "major-issues", "menses", "stress", "none"];

    /// <summary>Medication types.</summary>
    public static readonly IReadOnlyList<string> Medications =
        ["rapid-acting-insulin", "short-acting-insulin", "intermediate-acting-insulin", "long-acting-insulin", "pre-mixed-insulin"];

    /// <summary>Carbohydrate types.</summary>
    public static readonly IReadOnlyList<string> Carbohydrates = ["breakfast", "lunch", "dinner", "snack", "drink", "supper", "brunch"];
}
