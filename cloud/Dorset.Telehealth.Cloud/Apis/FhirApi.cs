using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Audit;
using Dorset.Telehealth.Cloud.Diagnostics;
using Dorset.Telehealth.Cloud.Fhir;
using Dorset.Telehealth.Cloud.Registry;
using Dorset.Telehealth.Cloud.Storage;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Task = System.Threading.Tasks.Task;

namespace Dorset.Telehealth.Cloud.Apis;

/// <summary>Everything the FHIR handlers need.</summary>
public sealed class FhirServices
{
    /// <summary>Creates the bundle.</summary>
    public FhirServices(IFhirQueries queries, ICloudRegistry registry, IOptions<FhirOptions> options, CloudMetrics metrics)
    {
        Queries = queries;
        Reader = new FhirResourceReader(queries);
        Registry = registry;
        Options = options.Value;
        Metrics = metrics;
    }

    /// <summary>The observations, alerts and devices FHIR serves.</summary>
    public IFhirQueries Queries { get; }

    /// <summary>Observation and DetectedIssue reads by id.</summary>
    public FhirResourceReader Reader { get; }

    /// <summary>The registry, for Patient reads.</summary>
    public ICloudRegistry Registry { get; }

    /// <summary>Paging limits.</summary>
    public FhirOptions Options { get; }

    /// <summary>The counters.</summary>
    public CloudMetrics Metrics { get; }
}

/// <summary>
/// FHIR R4 reads (issue 5 §3): Observation search and read (readings, and partial NEWS2 alerts), DetectedIssue
/// search and read (the other alerts, <see cref="FhirDetectedIssueApi"/>), Patient and Device read, and the
/// CapabilityStatement (<see cref="FhirCapabilities"/>). JSON only (application/fhir+json), serialised by the Firely
/// SDK. Search parameters are read by <see cref="FhirQuery"/> and their values by <see cref="ObservationSearchParser"/>;
/// Subscriptions are <see cref="FhirSubscriptionApi"/>'s.
/// </summary>
public static class FhirApi
{
    /// <summary>Maps the /fhir group.</summary>
    public static IEndpointRouteBuilder MapFhirApi(this IEndpointRouteBuilder app)
    {
        // Patient data: every read needs a SMART access token with a scope for it, or an unrevoked FHIR reader secret
        // (`readers add`); gateway secrets are refused. Every interaction is audited (FhirAuditFilter).
        RouteGroupBuilder group = app.MapGroup("fhir").WithTags("FHIR R4")
            .RequireAuthorization(Extensions.IngestionExtensions.ReaderPolicy)
            .AddEndpointFilter<FhirRefusalFilter>()
            .AddEndpointFilter<FhirAuditFilter>();
        group.MapGet("Observation", SearchObservationsAsync).WithName("SearchObservations")
            .WithSummary("Observation search: patient or subject (NHS number, exactly once), code (system|code, comma = or), date (ge/gt/le/lt, repeatable), _sort (date, -date), _count, _offset");
        group.MapGet("Observation/{id}", ReadObservationAsync).WithName("ReadObservation").WithSummary("One Observation");
        group.MapGet("Patient/{id}", ReadPatientAsync).WithName("ReadPatient").WithSummary("A patient by NHS number");
        group.MapGet("Device/{id}", ReadDeviceAsync).WithName("ReadDevice").WithSummary("A measuring device by Bluetooth address (dashes)");
        group.MapDetectedIssues();
        group.MapSubscriptions();
        group.MapCapabilities();
        return app;
    }

    /// <summary>GET /fhir/Observation?patient=...</summary>
    public static async Task<ContentHttpResult> SearchObservationsAsync(HttpContext context, [FromServices] FhirServices s)
    {
        s.Metrics.Fhir();
        if (!FhirQuery.TryRead(context.Request, FhirResourceSearch.Observation, out FhirQuery q, out ContentHttpResult? refusal))
        {
            return refusal!;
        }

        string nhs = q.PatientNhs;
        AuditedPatient.Note(context, nhs);
        if (!ObservationSearchParser.TryParse(q, s.Options, out ObservationQuery query, out refusal))
        {
            return refusal!;
        }

        ObservationPage page = await s.Queries.SearchObservationsAsync(query, context.RequestAborted);

        Bundle bundle = FhirSearch.Searchset(context, q, "Observation", page.Total, query.Count, query.Offset);
        var alerts = page.Items.Where(h => h.Alert != null).Select(h => h.Alert!).ToList();
        IReadOnlyDictionary<string, StoredReadingRef> named = await s.Queries.FindReadingsAsync(nhs,
            alerts.SelectMany(a => AlertCodes.ReadingsOf(a.Alert)).Select(r => r.Key).Distinct().ToList(), context.RequestAborted);
        foreach (ObservationHit hit in page.Items)
        {
            FhirSearch.AddMatch(context, bundle, hit.Alert != null
                ? AlertToEarlyWarningScoreMapper.Map(hit.Alert, named)
                : ReadingToObservationMapper.Map(hit.Reading!, hit.Part));
        }

        return FhirSearch.Ok(bundle);
    }

    /// <summary>GET /fhir/Observation/{id}: a reading's random id, that id + "-pulse", or "news2-{alertId}". Unassigned readings and alerts are 404.</summary>
    public static async Task<ContentHttpResult> ReadObservationAsync(HttpContext context, string id, [FromServices] FhirServices s)
    {
        s.Metrics.Fhir();
        Resource? served = await s.Reader.ObservationAsync(id, context.RequestAborted);
        AuditedPatient.NoteServed(context, served);
        return served != null
            ? FhirSearch.Ok(served)
            : FhirSearch.NotFound("Observation", id);
    }

    /// <summary>GET /fhir/Patient/{nhs}.</summary>
    public static async Task<ContentHttpResult> ReadPatientAsync(HttpContext context, string id, [FromServices] FhirServices s)
    {
        s.Metrics.Fhir();
        if (!NhsNumber.TryNormalise(id, out string nhs, out _))
        {
            return FhirSearch.NotFound("Patient", id);
        }

        AuditedPatient.Note(context, nhs);
        PatientRecord? patient = await s.Registry.FindPatientAsync(nhs, context.RequestAborted);
        if (patient == null)
        {
            return FhirSearch.NotFound("Patient", id);
        }

        return FhirSearch.Ok(PatientRecordToPatientMapper.Map(patient));
    }

    /// <summary>GET /fhir/Device/{address with dashes}.</summary>
    public static async Task<ContentHttpResult> ReadDeviceAsync(HttpContext context, string id, [FromServices] FhirServices s)
    {
        s.Metrics.Fhir();
        string address = id.Replace('-', ':').ToUpperInvariant();
        DeviceRecord? device = await s.Queries.FindDeviceAsync(address, context.RequestAborted);
        if (device == null)
        {
            return FhirSearch.NotFound("Device", id);
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
        return FhirSearch.Ok(resource);
    }
}
