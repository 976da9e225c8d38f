namespace Dorset.Telehealth.Cloud.Fhir;

/// <summary>
/// The UK Core STU2 profiles (package UKCore.R4.STU.02.00.00, ../shared/reference/uk-core/) that served resources
/// claim in <c>meta.profile</c> (cloud/README.md "UK Core profiles"). A resource claims the most specific profile whose
/// every rule it meets, never one whose fixed values it would break.
/// </summary>
public static class UkCoreProfiles
{
    private const string Base = "https://fhir.hl7.org.uk/StructureDefinition/";

    /// <summary>Any vital sign: the profile a vital sign falls back to when its own needs a value it does not have.</summary>
    public const string VitalSigns = Base + "UKCore-Observation-VitalSigns";

    /// <summary>SpO2.</summary>
    public const string OxygenSaturation = Base + "UKCore-Observation-VitalSigns-OxygenSaturation";

    /// <summary>Pulse rate (oximeter or cuff).</summary>
    public const string HeartRate = Base + "UKCore-Observation-VitalSigns-HeartRate";

    /// <summary>Body weight.</summary>
    public const string BodyWeight = Base + "UKCore-Observation-VitalSigns-BodyWeight";

    /// <summary>Blood-pressure panel (systolic and diastolic components only).</summary>
    public const string BloodPressure = Base + "UKCore-Observation-VitalSigns-BloodPressure";

    /// <summary>Blood glucose.</summary>
    public const string BloodGlucose = Base + "UKCore-Observation-BloodGlucose";

    /// <summary>The partial NEWS2 total.</summary>
    public const string EarlyWarningTotalScore = Base + "UKCore-Observation-EarlyWarningTotalScore";

    /// <summary>Patient.</summary>
    public const string Patient = Base + "UKCore-Patient";
}
