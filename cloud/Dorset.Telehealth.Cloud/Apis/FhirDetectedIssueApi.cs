using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Audit;
using Dorset.Telehealth.Cloud.Fhir;
using Dorset.Telehealth.Cloud.Storage;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Dorset.Telehealth.Cloud.Apis;

/// <summary>
/// Clinical alerts as DetectedIssue (cloud/README.md "Alerts in FHIR"): search by patient and read by alert id, in
/// the /fhir group (reader secret), paged like Observation. Only the current revision of an attributed alert is
/// served; partial NEWS2 alerts are Observations instead.
/// </summary>
public static class FhirDetectedIssueApi
{
    /// <summary>Maps DetectedIssue search and read into the FHIR group.</summary>
    public static RouteGroupBuilder MapDetectedIssues(this RouteGroupBuilder group)
    {
        group.MapGet("DetectedIssue", SearchAsync).WithName("SearchDetectedIssues")
            .WithSummary("Clinical alerts of a patient: patient (NHS number, required), _count, _offset");
        group.MapGet("DetectedIssue/{id}", ReadAsync).WithName("ReadDetectedIssue").WithSummary("One clinical alert by its alertId (current revision)");
        return group;
    }

    /// <summary>GET /fhir/DetectedIssue?patient=...</summary>
    public static async Task<ContentHttpResult> SearchAsync(HttpContext context, [FromServices] FhirServices s)
    {
        s.Metrics.Fhir();
        if (!FhirQuery.TryRead(context.Request, FhirResourceSearch.DetectedIssue, out FhirQuery q, out ContentHttpResult? refusal)
            || !FhirSearch.TryPaging(q, s.Options, out int count, out int offset, out refusal))
        {
            return refusal!;
        }

        string nhs = q.PatientNhs;
        AuditedPatient.Note(context, nhs);

        AlertPage page = await s.Queries.SearchDetectedIssuesAsync(nhs, count, offset, context.RequestAborted);
        IReadOnlyDictionary<string, StoredReadingRef> named = await s.Queries.FindReadingsAsync(nhs,
            page.Items.SelectMany(a => AlertCodes.ReadingsOf(a.Alert)).Select(r => r.Key).Distinct().ToList(), context.RequestAborted);
        Bundle bundle = FhirSearch.Searchset(context, q, "DetectedIssue", page.Total, count, offset);
        foreach (StoredAlert alert in page.Items)
        {
            FhirSearch.AddMatch(context, bundle, AlertToDetectedIssueMapper.Map(alert, named));
        }

        return FhirSearch.Ok(bundle);
    }

    /// <summary>GET /fhir/DetectedIssue/{alertId}. Unattributed alerts, and partial NEWS2 scores (Observations), are 404.</summary>
    public static async Task<ContentHttpResult> ReadAsync(HttpContext context, string id, [FromServices] FhirServices s)
    {
        s.Metrics.Fhir();
        Resource? served = await s.Reader.DetectedIssueAsync(id, context.RequestAborted);
        AuditedPatient.NoteServed(context, served);
        return served != null
            ? FhirSearch.Ok(served)
            : FhirSearch.NotFound("DetectedIssue", id);
    }
}
