using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace Dorset.Telehealth.Cloud.Audit;

/// <summary>
/// The patient a FHIR handler served (or was asked for), noted for the audit record of the request. The handler knows
/// it (a read learns it only from the stored row); the audit filter writes it.
/// </summary>
public static class AuditedPatient
{
    private static readonly object s_key = new();

    /// <summary>Notes <paramref name="nhs"/> as the request's patient.</summary>
    public static void Note(HttpContext context, string? nhs)
    {
        if (nhs != null)
        {
            context.Items[s_key] = nhs;
        }
    }

    /// <summary>Notes the patient of a served Observation or DetectedIssue (its subject or patient, "Patient/{nhs}").</summary>
    public static void NoteServed(HttpContext context, Resource? served)
    {
        ResourceReference? patient = served switch
        {
            Observation observation => observation.Subject,
            DetectedIssue issue => issue.Patient,
            _ => null,
        };
        const string prefix = "Patient/";
        if (patient?.Reference is string reference && reference.StartsWith(prefix, System.StringComparison.Ordinal))
        {
            Note(context, reference[prefix.Length..]);
        }
    }

    /// <summary>The request's patient, when one was noted.</summary>
    public static string? Of(HttpContext context) => context.Items.TryGetValue(s_key, out object? nhs) ? nhs as string : null;
}
