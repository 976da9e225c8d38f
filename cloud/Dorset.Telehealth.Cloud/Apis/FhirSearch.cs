using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dorset.Telehealth.Cloud.Apis;

/// <summary>
/// What every FHIR search and read of the API shares: _count/_offset paging (the parameters themselves are
/// <see cref="FhirQuery"/>'s), the searchset Bundle with its paging links, OperationOutcome errors and Firely
/// serialisation.
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

    /// <summary>_count (default and cap from the options) and _offset.</summary>
    public static bool TryPaging(FhirQuery q, FhirOptions options, out int count, out int offset, out ContentHttpResult? refusal)
    {
        refusal = null;
        offset = 0;
        if (!q.TryInteger("_count", options.DefaultPageSize, 1, out count))
        {
            refusal = Outcome(400, OperationOutcome.IssueType.Value, "_count must be a positive integer");
            return false;
        }

        count = Math.Min(count, options.MaxPageSize);
        if (!q.TryInteger("_offset", 0, 0, out offset))
        {
            refusal = Outcome(400, OperationOutcome.IssueType.Value, "_offset must be a non-negative integer");
            return false;
        }

        return true;
    }

    /// <summary>A searchset Bundle of <paramref name="type"/> with self, first, previous, next and last links.</summary>
    public static Bundle Searchset(HttpContext context, FhirQuery q, string type, int total, int count, int offset)
    {
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

    /// <summary>404 with an OperationOutcome; also for data that exists but is nobody's to read.</summary>
    public static ContentHttpResult NotFound(string type, string id) =>
        Outcome(404, OperationOutcome.IssueType.NotFound, $"{type}/{id} is not known");

    /// <summary>An OperationOutcome response with one error issue.</summary>
    public static ContentHttpResult Outcome(int status, OperationOutcome.IssueType type, string text) =>
        TypedResults.Content(Serialize(OutcomeOf(type, text)), FhirJson, Encoding.UTF8, status);

    /// <summary>An OperationOutcome with one error issue.</summary>
    public static OperationOutcome OutcomeOf(OperationOutcome.IssueType type, string text)
    {
        var outcome = new OperationOutcome();
        outcome.Issue.Add(new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Error,
            Code = type,
            Diagnostics = text,
        });
        return outcome;
    }

    /// <summary>The FHIR base URL of this request's server.</summary>
    public static string BaseUrl(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/fhir";

    private static string PageUrl(string baseUrl, string type, FhirQuery q, int count, int offset)
    {
        // Only what the search honoured: a link never suggests that an ignored parameter was applied.
        var parts = new List<string>();
        foreach (KeyValuePair<string, string> pair in q.Applied)
        {
            if (pair.Key is not ("_count" or "_offset"))
            {
                parts.Add(Uri.EscapeDataString(pair.Key) + "=" + Uri.EscapeDataString(pair.Value));
            }
        }

        parts.Add("_count=" + count.ToString(CultureInfo.InvariantCulture));
        parts.Add("_offset=" + offset.ToString(CultureInfo.InvariantCulture));
        return $"{baseUrl}/{type}?" + string.Join("&", parts);
    }
}
