namespace Dorset.Telehealth.Protocol.Contract
{
    /// <summary>
    /// The contract's names of the Glucose Measurement Context codes (GLS 1.0, 3.107), as the gateway sends them to the
    /// cloud. A code without a name (a reserved one, or 15 "not available" for tester and health) means nothing the hub
    /// can pass on, and the field is left out.
    /// </summary>
    public static class GlucoseContextNames
    {
        /// <summary>Meal 1..5.</summary>
        public static readonly string[] Meals = { "preprandial", "postprandial", "fasting", "casual", "bedtime" };

        /// <summary>Tester 1..3.</summary>
        public static readonly string[] Testers = { "self", "health-care-professional", "lab-test" };

        /// <summary>Health 1..5.</summary>
        public static readonly string[] Healths = { "minor-issues", "major-issues", "menses", "stress", "none" };

        /// <summary>Medication ID 1..5.</summary>
        public static readonly string[] Medications =
        {
            "rapid-acting-insulin", "short-acting-insulin", "intermediate-acting-insulin", "long-acting-insulin", "pre-mixed-insulin",
        };

        /// <summary>Carbohydrate ID 1..7.</summary>
        public static readonly string[] Carbohydrates = { "breakfast", "lunch", "dinner", "snack", "drink", "supper", "brunch" };

        /// <summary>The name of code <paramref name="code"/> (1-based) in <paramref name="names"/>, or null.</summary>
        public static string Name(string[] names, int code)
        {
            return code >= 1 && code <= names.Length ? names[code - 1] : null;
        }
    }
}
