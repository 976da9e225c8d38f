using System;
using System.Collections.Generic;
using Dorset.Telehealth.Cloud.Storage;
using Hl7.Fhir.Model;

namespace Dorset.Telehealth.Cloud.Fhir;

/// <summary>
/// Code systems and the codes of each reading, exactly as ../shared/reference/clinical.md "Codes for readings" lists
/// them (LOINC, SNOMED CT, MDC = ISO/IEEE 11073-10101 nomenclature, UCUM units). Where the table leaves MDC blank
/// (blood pressure) the IEEE 11073-10101 codes the HL7 PHD IG uses are added; where it leaves SNOMED CT blank (glucose,
/// mean pressure) the concept UK Core's value set names is added. Vital signs carry exactly one LOINC coding, as
/// UK Core's vital-signs profiles allow (cloud/README.md "UK Core profiles").
/// </summary>
public static class FhirCodes
{
    /// <summary>LOINC.</summary>
    public const string Loinc = "http://loinc.org";

    /// <summary>SNOMED CT.</summary>
    public const string Snomed = "http://snomed.info/sct";

    /// <summary>IEEE 11073-10101 (MDC) as the PHD IG names it.</summary>
    public const string Mdc = "urn:iso:std:iso:11073:10101";

    /// <summary>UCUM.</summary>
    public const string Ucum = "http://unitsofmeasure.org";

    /// <summary>Observation category code system.</summary>
    public const string Category = "http://terminology.hl7.org/CodeSystem/observation-category";

    /// <summary>HL7 v3 ObservationInterpretation.</summary>
    public const string Interpretation = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

    /// <summary>Our reading flags (cloud/README.md "flags").</summary>
    public const string ReadingFlag = "https://dorset-telehealth.nhs.uk/fhir/CodeSystem/reading-flag";

    /// <summary>Identifier system of reading keys (the stable key; conditional create).</summary>
    public const string ReadingKey = "https://dorset-telehealth.nhs.uk/fhir/Id/reading-key";

    /// <summary>Identifier system of gateway ids.</summary>
    public const string GatewayId = "https://dorset-telehealth.nhs.uk/fhir/Id/gateway";

    /// <summary>Bluetooth device address (EUI-48) identifier system of the HL7 PHD IG.</summary>
    public const string BluetoothAddress = "http://hl7.org/fhir/sid/eui-48/bluetooth";

    /// <summary>The PHD IG's gateway extension on Observation.</summary>
    public const string GatewayExtension = "http://hl7.org/fhir/uv/phd/StructureDefinition/ExtGatewayDevice";

    /// <summary>Where effectiveDateTime came from: device, unit-receipt or gateway-receipt.</summary>
    public const string EffectiveSourceExtension = "https://dorset-telehealth.nhs.uk/fhir/StructureDefinition/effective-time-source";

    /// <summary>The device's own time as it sent it, kept when it was not used as the effective time.</summary>
    public const string DeviceReportedTimeExtension = "https://dorset-telehealth.nhs.uk/fhir/StructureDefinition/device-reported-time";

    /// <summary>One coding row.</summary>
    public sealed record Code(string System, string Value, string Display);

    /// <summary>MDC glucose codes by GLS sample type (IEEE 11073-10417 / PHD IG); undetermined plasma when unknown.</summary>
    public static readonly IReadOnlyDictionary<string, Code> GlucoseMdc = new Dictionary<string, Code>(StringComparer.Ordinal)
    {
        ["capillary-whole-blood"] = new(Mdc, "160184", "MDC_CONC_GLU_CAPILLARY_WHOLEBLOOD"),
        ["capillary-plasma"] = new(Mdc, "160188", "MDC_CONC_GLU_CAPILLARY_PLASMA"),
        ["venous-whole-blood"] = new(Mdc, "160192", "MDC_CONC_GLU_VENOUS_WHOLEBLOOD"),
        ["venous-plasma"] = new(Mdc, "160196", "MDC_CONC_GLU_VENOUS_PLASMA"),
        ["arterial-whole-blood"] = new(Mdc, "160200", "MDC_CONC_GLU_ARTERIAL_WHOLEBLOOD"),
        ["arterial-plasma"] = new(Mdc, "160204", "MDC_CONC_GLU_ARTERIAL_PLASMA"),
        ["control-solution"] = new(Mdc, "160208", "MDC_CONC_GLU_CONTROL"),
        ["interstitial-fluid"] = new(Mdc, "160212", "MDC_CONC_GLU_ISF"),
        ["undetermined-whole-blood"] = new(Mdc, "160364", "MDC_CONC_GLU_UNDETERMINED_WHOLEBLOOD"),
        ["undetermined-plasma"] = new(Mdc, "160368", "MDC_CONC_GLU_UNDETERMINED_PLASMA"),
    };

    /// <summary>
    /// SNOMED CT glucose by what the meter reports, whole blood or plasma (from UKCore-BloodGlucose); interstitial
    /// fluid and control solution have no concept there and get none.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Code> GlucoseSnomed = new Dictionary<string, Code>(StringComparer.Ordinal)
    {
        ["capillary-whole-blood"] = new(Snomed, "997671000000106", "Blood glucose level"),
        ["venous-whole-blood"] = new(Snomed, "997671000000106", "Blood glucose level"),
        ["arterial-whole-blood"] = new(Snomed, "997671000000106", "Blood glucose level"),
        ["undetermined-whole-blood"] = new(Snomed, "997671000000106", "Blood glucose level"),
        ["capillary-plasma"] = new(Snomed, "1010671000000102", "Plasma glucose level"),
        ["venous-plasma"] = new(Snomed, "1010671000000102", "Plasma glucose level"),
        ["arterial-plasma"] = new(Snomed, "1010671000000102", "Plasma glucose level"),
        ["undetermined-plasma"] = new(Snomed, "1010671000000102", "Plasma glucose level"),
    };

    /// <summary>Glucose (molar) LOINC.</summary>
    public static readonly Code GlucoseLoinc = new(Loinc, "15074-8", "Glucose [Moles/volume] in Blood");

    /// <summary>SpO2 codings.</summary>
    public static readonly IReadOnlyList<Code> Spo2 = new Code[]
    {
        new(Mdc, "150456", "MDC_PULS_OXIM_SAT_O2"),
        new(Loinc, "2708-6", "Oxygen saturation in Arterial blood"),
        new(Snomed, "431314004", "Peripheral oxygen saturation"),
    };

    /// <summary>Pulse rate codings for the oximeter.</summary>
    public static readonly IReadOnlyList<Code> OximeterPulse = new Code[]
    {
        new(Mdc, "149530", "MDC_PULS_OXIM_PULS_RATE"),
        new(Loinc, "8867-4", "Heart rate"),
        new(Snomed, "78564009", "Pulse rate"),
    };

    /// <summary>Pulse rate codings for the blood-pressure cuff (MDC_PULS_RATE_NON_INV, IEEE 11073-10101).</summary>
    public static readonly IReadOnlyList<Code> CuffPulse = new Code[]
    {
        new(Mdc, "149546", "MDC_PULS_RATE_NON_INV"),
        new(Loinc, "8867-4", "Heart rate"),
        new(Snomed, "78564009", "Pulse rate"),
    };

    /// <summary>Body weight codings.</summary>
    public static readonly IReadOnlyList<Code> Weight = new Code[]
    {
        new(Mdc, "188736", "MDC_MASS_BODY_ACTUAL"),
        new(Loinc, "29463-7", "Body weight"),
        new(Snomed, "27113001", "Body weight"),
    };

    /// <summary>Blood-pressure panel codings.</summary>
    public static readonly IReadOnlyList<Code> BloodPressure = new Code[]
    {
        new(Mdc, "150020", "MDC_PRESS_BLD_NONINV"),
        new(Loinc, "85354-9", "Blood pressure panel with all children optional"),
        new(Snomed, "75367002", "Blood pressure"),
    };

    /// <summary>Systolic component.</summary>
    public static readonly IReadOnlyList<Code> Systolic = new Code[]
    {
        new(Mdc, "150021", "MDC_PRESS_BLD_NONINV_SYS"),
        new(Loinc, "8480-6", "Systolic blood pressure"),
        new(Snomed, "72313002", "Systolic arterial pressure"),
    };

    /// <summary>Diastolic component.</summary>
    public static readonly IReadOnlyList<Code> Diastolic = new Code[]
    {
        new(Mdc, "150022", "MDC_PRESS_BLD_NONINV_DIA"),
        new(Loinc, "8462-4", "Diastolic blood pressure"),
        new(Snomed, "1091811000000102", "Diastolic arterial pressure"),
    };

    /// <summary>Mean arterial pressure (a member of the blood-pressure panel, not a component: UK Core allows only systolic and diastolic).</summary>
    public static readonly IReadOnlyList<Code> MeanArterial = new Code[]
    {
        new(Mdc, "150023", "MDC_PRESS_BLD_NONINV_MEAN"),
        new(Loinc, "8478-0", "Mean blood pressure"),
        new(Snomed, "6797001", "Mean blood pressure"),
    };

    /// <summary>MDC device-type codes (IEEE 11073-10101 MDC_DEV_SPEC_PROFILE_*).</summary>
    public static readonly IReadOnlyDictionary<string, Code> DeviceType = new Dictionary<string, Code>(StringComparer.Ordinal)
    {
        ["pulse-oximeter"] = new(Mdc, "528388", "MDC_DEV_SPEC_PROFILE_PULS_OXIM"),
        ["blood-pressure-monitor"] = new(Mdc, "528391", "MDC_DEV_SPEC_PROFILE_BPM"),
        ["weight-scale"] = new(Mdc, "528399", "MDC_DEV_SPEC_PROFILE_SCALE"),
        ["glucose-meter"] = new(Mdc, "528401", "MDC_DEV_SPEC_PROFILE_GLUCOSE"),
    };

    /// <summary>A CodeableConcept of <paramref name="codes"/>.</summary>
    public static CodeableConcept Concept(IEnumerable<Code> codes, string text)
    {
        var concept = new CodeableConcept { Text = text };
        foreach (Code c in codes)
        {
            concept.Coding.Add(new Coding(c.System, c.Value, c.Display));
        }

        return concept;
    }

    /// <summary>
    /// Which observations a `code` search parameter selects: main kinds and pulse kinds (empty = none).
    /// <paramref name="system"/> null matches the code in any system.
    /// </summary>
    public static (HashSet<string> Main, HashSet<string> Pulse) Select(string? system, string code)
    {
        var main = new HashSet<string>(StringComparer.Ordinal);
        var pulse = new HashSet<string>(StringComparer.Ordinal);
        bool Matches(IEnumerable<Code> codes)
        {
            foreach (Code c in codes)
            {
                if (c.Value == code && (system == null || c.System == system))
                {
                    return true;
                }
            }

            return false;
        }

        if (Matches(GlucoseMdc.Values) || Matches(GlucoseSnomed.Values) || Matches(new[] { GlucoseLoinc }))
        {
            main.Add("glucose");
        }

        if (Matches(Spo2))
        {
            main.Add("pulse-oximetry");
        }

        if (Matches(Weight))
        {
            main.Add("weight");
        }

        if (Matches(BloodPressure))
        {
            main.Add("blood-pressure");
        }

        if (Matches(OximeterPulse))
        {
            pulse.Add("pulse-oximetry");
        }

        if (Matches(CuffPulse))
        {
            pulse.Add("blood-pressure");
        }

        return (main, pulse);
    }

    /// <summary>The FHIR id of a device: its Bluetooth address with dashes (ids allow no colons).</summary>
    public static string DeviceId(string address) => address.Replace(':', '-');

    /// <summary>The suffix of a reading's separate pulse-rate Observation's id.</summary>
    public const string PulseIdSuffix = "-pulse";

    /// <summary>The FHIR id of an observation of a reading: the reading's stored random id, plus a suffix for its pulse.</summary>
    public static string ObservationId(string readingFhirId, ObservationPart part) =>
        part == ObservationPart.Pulse ? readingFhirId + PulseIdSuffix : readingFhirId;
}
