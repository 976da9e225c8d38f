using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dorset.Telehealth.Cloud.Registry;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;

namespace Dorset.Telehealth.Cloud.Apis;

/// <summary>
/// What every FHIR search and read of the API shares: the required patient parameter, _count/_offset paging, the
/// searchset Bundle with its paging links, OperationOutcome errors and Firely serialisation.
/// </summary>
public static class FhirSearch
{
    /// <summary>The FHIR JSON media type.</summary>
    public const string FhirJson = "application/fhir+json";

    private static readonly JsonSerializerOptions s_fhirJson = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    /// <summary>Serialises a resource with the Firely System.Text.Json converters.</summary>
    public static string Serialize(Resource resource) => JsonSerializer.Serialize(resource, resource.GetType(), s_fhirJson);

    /// <summary>A 200 response holding <paramref name="resource"/>.</summary>
    public static ContentHttpResult Ok(Resource resource) => TypedResults.Content(Serialize(resource), FhirJson, Encoding.UTF8, 200);

    /// <summary>
    /// The NHS number of the required `patient` (or `subject`) parameter: a number, `Patient/N` or `system|N`.
    /// Patient data is only ever served per patient, so a search without one is refused.
    /// </summary>
    public static bool TryPatient(IQueryCollection q, out string nhs, out ContentHttpResult? refusal)
    {
        nhs = string.Empty;
        refusal = null;
        string? patientParam = Single(q, "patient") ?? Single(q, "subject");
        if (patientParam == null)
        {
            refusal = Outcome(400, OperationOutcome.IssueType.Required, "the patient parameter is required (an NHS number): patient data is only served per patient");
            return false;
        }

        string nhsText = patientParam.StartsWith("Patient/", StringComparison.Ordinal) ? patientParam["Patient/".Length..] : patientParam;
        int bar = nhsText.IndexOf('|', StringComparison.Ordinal);
        if (bar >= 0)
        {
            nhsText = nhsText[(bar + 1)..];
        }

        if (!NhsNumber.TryNormalise(nhsText, out nhs, out string why))
        {
            refusal = Outcome(400, OperationOutcome.IssueType.Value, $"patient: {why}");
            return false;
        }

        return true;
    }

    /// <summary>_count (default and cap from the options) and _offset.</summary>
    public static bool TryPaging(IQueryCollection q, FhirOptions options, out int count, out int offset, out ContentHttpResult? refusal)
    {
        refusal = null;
        count = options.DefaultPageSize;
        offset = 0;
        if (Single(q, "_count") is string countText && (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1))
        {
            refusal = Outcome(400, OperationOutcome.IssueType.Value, "_count must be a positive integer");
            return false;
        }

        count = Math.Min(count, options.MaxPageSize);
        if (Single(q, "_offset") is string offsetText && (!int.TryParse(offsetText, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            refusal = Outcome(400, OperationOutcome.IssueType.Value, "_offset must be a non-negative integer");
            return false;
        }

        return true;
    }

    /// <summary>A searchset Bundle of <paramref name="type"/> with self, first, previous, next and last links.</summary>
    public static Bundle Searchset(HttpContext context, string type, int total, int count, int offset)
    {
        IQueryCollection q = context.Request.Query;
        string baseUrl = BaseUrl(context);
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Total = total, Id = Guid.NewGuid().ToString("N"), Timestamp = DateTimeOffset.UtcNow };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = PageUrl(baseUrl, type, q, count, offset) });
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "first", Url = PageUrl(baseUrl, type, q, count, 0) });
        if (offset > 0)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "previous", Url = PageUrl(baseUrl, type, q, count, Math.Max(0, offset - count)) });
        }

        // In long: _offset may be int.MaxValue, and offset + count then wrapped to a negative "next" offset.
        if ((long)offset + count < total)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = PageUrl(baseUrl, type, q, count, offset + count) });
        }

        int lastOffset = total == 0 ? 0 : (total - 1) / count * count;
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "last", Url = PageUrl(baseUrl, type, q, count, lastOffset) });
        return bundle;
    }

    /// <summary>Adds <paramref name="resource"/> to a searchset as a match.</summary>
    public static void AddMatch(HttpContext context, Bundle bundle, Resource resource)
    {
        bundle.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = $"{BaseUrl(context)}/{resource.TypeName}/{resource.Id}",
            Resource = resource,
            Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
        });
    }

    /// <summary>The last value of a query parameter, or null.</summary>
    public static string? Single(IQueryCollection q, string name)
    {
        StringValues values = q[name];
        return values.Count == 0 ? null : values[^1];
    }

    /// <summary>404 with an OperationOutcome; also for data that exists but is nobody's to read.</summary>
    public static ContentHttpResult NotFound(string type, string id) =>
        Outcome(404, OperationOutcome.IssueType.NotFound, $"{type}/{id} is not known");

    /// <summary>An OperationOutcome response with one error issue.</summary>
    public static ContentHttpResult Outcome(int status, OperationOutcome.IssueType type, string text)
    {
        var outcome = new OperationOutcome();
        outcome.Issue.Add(new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Error,
            Code = type,
            Diagnostics = text,
        });
        return TypedResults.Content(Serialize(outcome), FhirJson, Encoding.UTF8, status);
    }

    private static string BaseUrl(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/fhir";

    private static string PageUrl(string baseUrl, string type, IQueryCollection q, int count, int offset)
    {
        var parts = new List<string>();
        foreach (var pair in q)
        {
            // The query collection matches names ignoring case (ASP.NET Core), so `_OFFSET` was read as `_offset`:
            // it is replaced by the link's own, in whatever case it came.
            if (pair.Key.Equals("_count", StringComparison.OrdinalIgnoreCase) || pair.Key.Equals("_offset", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (string? value in pair.Value)
            {
                parts.Add(Uri.EscapeDataString(pair.Key) + "=" + Uri.EscapeDataString(value ?? string.Empty));
            }
        }

        parts.Add("_count=" + count.ToString(CultureInfo.InvariantCulture));
        parts.Add("_offset=" + offset.ToString(CultureInfo.InvariantCulture));
        return $"{baseUrl}/{type}?" + string.Join("&", parts);
    }
}
