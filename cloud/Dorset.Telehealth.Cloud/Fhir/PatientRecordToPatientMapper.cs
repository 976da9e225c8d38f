using Dorset.Telehealth.Cloud.Registry;
using Dorset.Telehealth.Cloud.Storage;
using Hl7.Fhir.Model;

namespace Dorset.Telehealth.Cloud.Fhir;

/// <summary>
/// A registered patient as a FHIR Patient claiming UKCore-Patient: id and the nhsNumber identifier slice (system
/// https://fhir.nhs.uk/Id/nhs-number, value required) are the NHS number, the name is the registry's as one text.
/// The registry holds nothing more (no birth date, gender or address), so nothing more is served.
/// </summary>
public static class PatientRecordToPatientMapper
{
    /// <summary>The Patient of <paramref name="patient"/>.</summary>
    public static Patient Map(PatientRecord patient)
    {
        var resource = new Patient
        {
            Id = patient.NhsNumber,
            Meta = new Meta { Profile = new[] { UkCoreProfiles.Patient } },
        };
        resource.Identifier.Add(new Identifier(NhsNumber.System, patient.NhsNumber));
        resource.Name.Add(new HumanName { Text = patient.Name, Use = HumanName.NameUse.Official });
        return resource;
    }
}
