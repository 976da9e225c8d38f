using System;
using System.Collections.Generic;
using static Dorset.Telehealth.Cloud.Fhir.FhirCodes;

namespace Dorset.Telehealth.Cloud.Fhir;

/// <summary>
/// Codes of the glucose context components: the ISO/IEEE 11073-10417 context terms of the MDC nomenclature (partition
/// 128, disease management, so code = 128 x 65536 + term; HbA1c is MDC_CONC_HBA1C of partition 2), the ones the HL7 PHD
/// IG uses for a glucose meter's context; and our own code system, so a reader that knows no MDC still finds each part.
/// </summary>
public static class GlucoseContextCodes
{
    /// <summary>Our code system of the parts of a glucose reading's context.</summary>
    public const string System = "https://dorset-telehealth.nhs.uk/fhir/CodeSystem/glucose-context";

    /// <summary>The component code of each part that has one.</summary>
    public static readonly IReadOnlyDictionary<string, Code> Parts = new Dictionary<string, Code>(StringComparer.Ordinal)
    {
        ["meal"] = new(Mdc, "8417864", "MDC_CTXT_GLU_MEAL"),
        ["tester"] = new(Mdc, "8417884", "MDC_CTXT_GLU_TESTER"),
        ["health"] = new(Mdc, "8417820", "MDC_CTXT_GLU_HEALTH"),
        ["exercise-duration"] = new(Mdc, "8417760", "MDC_CTXT_GLU_EXERCISE"),
        ["medication"] = new(Mdc, "8417796", "MDC_CTXT_MEDICATION"),
        ["carbohydrate"] = new(Mdc, "8417764", "MDC_CTXT_GLU_CARB"),
        ["hba1c"] = new(Mdc, "160220", "MDC_CONC_HBA1C"),
    };

    /// <summary>HbA1c in LOINC, beside its MDC code.</summary>
    public static readonly Code HbA1cLoinc = new(Loinc, "4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood");

    /// <summary>The MDC value of each meal, tester and health word (cloud/README.md "glucose.context").</summary>
    public static readonly IReadOnlyDictionary<string, Code> Values = new Dictionary<string, Code>(StringComparer.Ordinal)
    {
        ["preprandial"] = new(Mdc, "8417868", "MDC_CTXT_GLU_MEAL_PREPRANDIAL"),
        ["postprandial"] = new(Mdc, "8417872", "MDC_CTXT_GLU_MEAL_POSTPRANDIAL"),
        ["fasting"] = new(Mdc, "8417876", "MDC_CTXT_GLU_MEAL_FASTING"),
        ["casual"] = new(Mdc, "8417880", "MDC_CTXT_GLU_MEAL_CASUAL"),
        ["bedtime"] = new(Mdc, "8417908", "MDC_CTXT_GLU_MEAL_BEDTIME"),
        ["self"] = new(Mdc, "8417888", "MDC_CTXT_GLU_TESTER_SELF"),
        ["health-care-professional"] = new(Mdc, "8417892", "MDC_CTXT_GLU_TESTER_HCP"),
        ["lab-test"] = new(Mdc, "8417896", "MDC_CTXT_GLU_TESTER_LAB"),
        ["minor-issues"] = new(Mdc, "8417824", "MDC_CTXT_GLU_HEALTH_MINOR"),
        ["major-issues"] = new(Mdc, "8417828", "MDC_CTXT_GLU_HEALTH_MAJOR"),
        ["menses"] = new(Mdc, "8417832", "MDC_CTXT_GLU_HEALTH_MENSES"),
        ["stress"] = new(Mdc, "8417836", "MDC_CTXT_GLU_HEALTH_STRESS"),
        ["none"] = new(Mdc, "8417840", "MDC_CTXT_GLU_HEALTH_NONE"),
    };

    /// <summary>
    /// The MDC code of each medication and carbohydrate type: in 11073-10417 the type is the metric's own code (the
    /// amount its value), so a typed amount's component takes it instead of the generic part code.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Code> Types = new Dictionary<string, Code>(StringComparer.Ordinal)
    {
        ["rapid-acting-insulin"] = new(Mdc, "8417800", "MDC_CTXT_MEDICATION_RAPIDACTING"),
        ["short-acting-insulin"] = new(Mdc, "8417804", "MDC_CTXT_MEDICATION_SHORTACTING"),
        ["intermediate-acting-insulin"] = new(Mdc, "8417808", "MDC_CTXT_MEDICATION_INTERMEDIATEACTING"),
        ["long-acting-insulin"] = new(Mdc, "8417812", "MDC_CTXT_MEDICATION_LONGACTING"),
        ["pre-mixed-insulin"] = new(Mdc, "8417816", "MDC_CTXT_MEDICATION_PREMIX"),
        ["breakfast"] = new(Mdc, "8417768", "MDC_CTXT_GLU_CARB_BREAKFAST"),
        ["lunch"] = new(Mdc, "8417772", "MDC_CTXT_GLU_CARB_LUNCH"),
        ["dinner"] = new(Mdc, "8417776", "MDC_CTXT_GLU_CARB_DINNER"),
        ["snack"] = new(Mdc, "8417780", "MDC_CTXT_GLU_CARB_SNACK"),
        ["drink"] = new(Mdc, "8417784", "MDC_CTXT_GLU_CARB_DRINK"),
        ["supper"] = new(Mdc, "8417788", "MDC_CTXT_GLU_CARB_SUPPER"),
        ["brunch"] = new(Mdc, "8417792", "MDC_CTXT_GLU_CARB_BRUNCH"),
    };
}
