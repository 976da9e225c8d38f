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

    /// <summary>The request's patient, when one was noted.</summary>
    public static string? Of(HttpContext context) => context.Items.TryGetValue(s_key, out object? nhs) ? nhs as string : null;
}
