using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Diagnostics;
using Dorset.Telehealth.Cloud.Fhir;
using Dorset.Telehealth.Cloud.Registry;
using Dorset.Telehealth.Cloud.Storage;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Task = System.Threading.Tasks.Task;

namespace Dorset.Telehealth.Cloud.Apis;

/// <summary>Everything the FHIR handlers need.</summary>
public sealed class FhirServices
{
    /// <summary>Creates the bundle.</summary>
    public FhirServices(ICloudStore store, IOptions<FhirOptions> options, CloudMetrics metrics)
    {
        Store = store;
        Options = options.Value;
        Metrics = metrics;
    }

    /// <summary>The store.</summary>
    public ICloudStore Store { get; }

    /// <summary>Paging limits.</summary>
    public FhirOptions Options { get; }

    /// <summary>The counters.</summary>
    public CloudMetrics Metrics { get; }
}

/// <summary>
/// FHIR R4 reads (issue 5 §3): Observation search and read, Patient and Device read. JSON only
/// (application/fhir+json), serialised by the Firely SDK.
/// </summary>
public static class FhirApi
{
    /// <summary>The FHIR JSON media type.</summary>
    public const string FhirJson = "application/fhir+json";

    private static readonly JsonSerializerOptions s_fhirJson = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    /// <summary>Maps the /fhir group.</summary>
    public static IEndpointRouteBuilder MapFhirApi(this IEndpointRouteBuilder app)
    {
        // Patient data: every read needs an unrevoked FHIR reader secret (`readers add`); gateway secrets are refused.
        RouteGroupBuilder group = app.MapGroup("fhir").WithTags("FHIR R4")
            .RequireAuthorization(Extensions.IngestionExtensions.ReaderPolicy);
        group.MapGet("Observation", SearchObservationsAsync).WithName("SearchObservations")
            .WithSummary("Observation search: patient (NHS number, required), code (system|code, comma = or), date (ge/gt/le/lt, repeatable), _count, _offset");
        group.MapGet("Observation/{id}", ReadObservationAsync).WithName("ReadObservation").WithSummary("One Observation");
        group.MapGet("Patient/{id}", ReadPatientAsync).WithName("ReadPatient").WithSummary("A patient by NHS number");
        group.MapGet("Device/{id}", ReadDeviceAsync).WithName("ReadDevice").WithSummary("A measuring device by Bluetooth address (dashes)");
        return app;
    }

    /// <summary>Serialises a resource with the Firely System.Text.Json converters.</summary>
    public static string Serialize(Resource resource) => JsonSerializer.Serialize(resource, resource.GetType(), s_fhirJson);

    /// <summary>GET /fhir/Observation?patient=...</summary>
    public static async Task<ContentHttpResult> SearchObservationsAsync(HttpContext context, [FromServices] FhirServices s)
    {
        s.Metrics.Fhir();
        IQueryCollection q = context.Request.Query;
        string? patientParam = Single(q, "patient") ?? Single(q, "subject");
        if (patientParam == null)
        {
            return Outcome(400, OperationOutcome.IssueType.Required, "the patient parameter is required (an NHS number): readings are only served per patient");
        }

        string nhsText = patientParam.StartsWith("Patient/", StringComparison.Ordinal) ? patientParam["Patient/".Length..] : patientParam;
        int bar = nhsText.IndexOf('|', StringComparison.Ordinal);
        if (bar >= 0)
        {
            nhsText = nhsText[(bar + 1)..];
        }

        if (!NhsNumber.TryNormalise(nhsText, out string nhs, out string why))
        {
            return Outcome(400, OperationOutcome.IssueType.Value, $"patient: {why}");
        }

        HashSet<string>? main = null;
        HashSet<string>? pulse = null;
        if (Single(q, "code") is string codes)
        {
            main = new HashSet<string>(StringComparer.Ordinal);
            pulse = new HashSet<string>(StringComparer.Ordinal);
            foreach (string token in codes.Split(','))
            {
                int sep = token.IndexOf('|', StringComparison.Ordinal);
                string? system = sep >= 0 ? token[..sep] : null;
                string code = sep >= 0 ? token[(sep + 1)..] : token;
                (HashSet<string> m, HashSet<string> p) = FhirCodes.Select(string.IsNullOrEmpty(system) ? null : system, code);
                main.UnionWith(m);
                pulse.UnionWith(p);
            }
        }

        DateTimeOffset? from = null, to = null;
        bool fromInclusive = true, toInclusive = true;
        foreach (string? date in q["date"])
        {
            if (date == null || date.Length < 3)
            {
                return Outcome(400, OperationOutcome.IssueType.Value, "date needs a prefix ge, gt, le or lt and a dateTime");
            }

            string prefix = date[..2];
            if (!TryParseDate(date[2..], out DateTimeOffset at) || prefix is not ("ge" or "gt" or "le" or "lt"))
            {
                return Outcome(400, OperationOutcome.IssueType.Value, $"unsupported date '{date}': use ge, gt, le or lt with yyyy-MM-dd or a dateTime with offset");
            }

            if (prefix[0] == 'g')
            {
                from = at;
                fromInclusive = prefix == "ge";
            }
            else
            {
                to = at;
                toInclusive = prefix == "le";
            }
        }

        int count = s.Options.DefaultPageSize;
        if (Single(q, "_count") is string countText && (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1))
        {
            return Outcome(400, OperationOutcome.IssueType.Value, "_count must be a positive integer");
        }

        count = Math.Min(count, s.Options.MaxPageSize);
        int offset = 0;
        if (Single(q, "_offset") is string offsetText && (!int.TryParse(offsetText, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            return Outcome(400, OperationOutcome.IssueType.Value, "_offset must be a non-negative integer");
        }

        var query = new ObservationQuery(nhs, main, pulse, false, from, fromInclusive, to, toInclusive, count, offset);
        ObservationPage page = await s.Store.SearchObservationsAsync(query, context.RequestAborted);

        string baseUrl = BaseUrl(context);
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Total = page.Total, Id = Guid.NewGuid().ToString("N"), Timestamp = DateTimeOffset.UtcNow };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = PageUrl(baseUrl, q, count, offset) });
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "first", Url = PageUrl(baseUrl, q, count, 0) });
        if (offset > 0)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "previous", Url = PageUrl(baseUrl, q, count, Math.Max(0, offset - count)) });
        }

        if (offset + count < page.Total)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = PageUrl(baseUrl, q, count, offset + count) });
        }

        int lastOffset = page.Total == 0 ? 0 : (page.Total - 1) / count * count;
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "last", Url = PageUrl(baseUrl, q, count, lastOffset) });
        foreach (ObservationHit hit in page.Items)
        {
            Observation o = ReadingToObservationMapper.Map(hit.Reading!, hit.Part);
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{baseUrl}/Observation/{o.Id}",
                Resource = o,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }

        return TypedResults.Content(Serialize(bundle), FhirJson, Encoding.UTF8, 200);
    }

    /// <summary>GET /fhir/Observation/{id}: "123" or "123-pulse". Unassigned readings are 404.</summary>
    public static async Task<ContentHttpResult> ReadObservationAsync(HttpContext context, string id, [FromServices] FhirServices s)
    {
        s.Metrics.Fhir();
        ObservationPart part = id.EndsWith("-pulse", StringComparison.Ordinal) ? ObservationPart.Pulse : ObservationPart.Main;
        string number = part == ObservationPart.Pulse ? id[..^"-pulse".Length] : id;
        if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out long readingId))
        {
            return NotFound("Observation", id);
        }

        StoredReading? reading = await s.Store.GetReadingAsync(readingId, context.RequestAborted);
        // Same answer for "no such reading" and "not attributed": an unknown patient's reading is nobody's to read.
        if (reading == null || reading.PatientNhs == null
            || (part == ObservationPart.Pulse && !reading.Reading.Values.Any(v => v.Name == "pulse")))
        {
            return NotFound("Observation", id);
        }

        return TypedResults.Content(Serialize(ReadingToObservationMapper.Map(reading, part)), FhirJson, Encoding.UTF8, 200);
    }

    /// <summary>GET /fhir/Patient/{nhs}.</summary>
    public static async Task<ContentHttpResult> ReadPatientAsync(HttpContext context, string id, [FromServices] FhirServices s)
    {
        s.Metrics.Fhir();
        if (!NhsNumber.TryNormalise(id, out string nhs, out _))
        {
            return NotFound("Patient", id);
        }

        PatientRecord? patient = await s.Store.FindPatientAsync(nhs, context.RequestAborted);
        if (patient == null)
        {
            return NotFound("Patient", id);
        }

        var resource = new Patient { Id = patient.NhsNumber };
        resource.Identifier.Add(new Identifier(NhsNumber.System, patient.NhsNumber));
        resource.Name.Add(new HumanName { Text = patient.Name, Use = HumanName.NameUse.Official });
        return TypedResults.Content(Serialize(resource), FhirJson, Encoding.UTF8, 200);
    }

    /// <summary>GET /fhir/Device/{address with dashes}.</summary>
    public static async Task<ContentHttpResult> ReadDeviceAsync(HttpContext context, string id, [FromServices] FhirServices s)
    {
        s.Metrics.Fhir();
        string address = id.Replace('-', ':').ToUpperInvariant();
        DeviceRecord? device = await s.Store.FindDeviceAsync(address, context.RequestAborted);
        if (device == null)
        {
            return NotFound("Device", id);
        }

        var resource = new Device { Id = FhirCodes.DeviceId(device.Address), Status = Device.FHIRDeviceStatus.Active };
        resource.Identifier.Add(new Identifier(FhirCodes.BluetoothAddress, FhirCodes.DeviceId(device.Address))
        {
            Type = new CodeableConcept("http://hl7.org/fhir/uv/phd/CodeSystem/ContinuaDeviceIdentifiers", "BTMAC", "Bluetooth MAC address", null),
        });
        FhirCodes.Code type = FhirCodes.DeviceType[device.Kind];
        resource.Type = new CodeableConcept(type.System, type.Value, type.Display, device.Kind);
        resource.DeviceName.Add(new Device.DeviceNameComponent { Name = $"{device.Kind} {device.Address}", Type = DeviceNameType.UserFriendlyName });
        resource.Note.Add(new Annotation { Text = new Markdown($"Last seen on home unit {device.LastUnitId} via gateway {device.LastGatewayId} at {device.LastSeen:O}.") });
        return TypedResults.Content(Serialize(resource), FhirJson, Encoding.UTF8, 200);
    }

    private static bool TryParseDate(string text, out DateTimeOffset at)
    {
        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime day))
        {
            // A date alone is the start of that UK civil day.
            at = Ingestion.UkCivilTime.ToOffset(day.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
            return true;
        }

        bool hasOffset = text.EndsWith('Z') || (text.Length > 6 && (text[^6] == '+' || text[^6] == '-'));
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out at) && hasOffset;
    }

    private static string? Single(IQueryCollection q, string name)
    {
        StringValues values = q[name];
        return values.Count == 0 ? null : values[^1];
    }

    private static string BaseUrl(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/fhir";

    private static string PageUrl(string baseUrl, IQueryCollection q, int count, int offset)
    {
        var parts = new List<string>();
        foreach (var pair in q)
        {
            if (pair.Key is "_count" or "_offset")
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
        return baseUrl + "/Observation?" + string.Join("&", parts);
    }

    private static ContentHttpResult NotFound(string type, string id) =>
        Outcome(404, OperationOutcome.IssueType.NotFound, $"{type}/{id} is not known");

    private static ContentHttpResult Outcome(int status, OperationOutcome.IssueType type, string text)
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
}
