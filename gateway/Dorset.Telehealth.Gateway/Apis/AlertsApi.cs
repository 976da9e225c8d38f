using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Alerts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Dorset.Telehealth.Gateway.Apis;

/// <summary>api/alerts for the console and the CLI (loopback only until login exists).</summary>
public static class AlertsApi
{
    /// <summary>Maps the group.</summary>
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/alerts").AddEndpointFilter<LoopbackOnlyFilter>().WithTags("Alerts");
        api.MapGet("/", GetAlerts).WithName("GetAlerts").WithSummary("Alerts in triage order; ?state=open|acknowledged|resolved, ?patient=REF, ?since=ISO (last change).");
        api.MapGet("/{id}", GetAlert).WithName("GetAlert").WithSummary("One alert with its readings, score and lifecycle.");
        api.MapPost("/{id}/acknowledge", Acknowledge).WithName("AcknowledgeAlert").WithSummary("Records who acknowledged the alert, when, and a note.");
        return app;
    }

    /// <summary>Alerts.</summary>
    public static Results<Ok<IReadOnlyList<AlertRecord>>, BadRequest<string>> GetAlerts(AlertStore store, string? state, string? patient, string? since)
    {
        if (state != null && !AlertRecord.States.Contains(state))
        {
            return TypedResults.BadRequest("state must be open, acknowledged or resolved");
        }

        DateTimeOffset? from = null;
        if (since != null)
        {
            if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed))
            {
                return TypedResults.BadRequest("since must be an ISO 8601 time, e.g. 2026-11-24T08:00:00Z");
            }

            from = parsed;
        }

        return TypedResults.Ok(store.List(state, patient, from));
    }

    /// <summary>One alert.</summary>
    public static Results<Ok<AlertRecord>, NotFound<string>> GetAlert(AlertStore store, string id) =>
        store.Get(id) is { } alert ? TypedResults.Ok(alert) : TypedResults.NotFound($"no alert {id}");

    /// <summary>Acknowledges an alert.</summary>
    public static async Task<Results<Ok<AlertRecord>, BadRequest<string>, NotFound<string>, Conflict<string>>> Acknowledge(
        AlertAnnunciator annunciator, string id, HttpRequest http)
    {
        // Read by hand so that a missing or malformed body gets a sentence, not an empty 400 from the binder.
        AcknowledgeRequest? request = null;
        if (http.HasJsonContentType())
        {
            try
            {
                request = await http.ReadFromJsonAsync<AcknowledgeRequest>(http.HttpContext.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException)
            {
            }
        }

        if (request == null)
        {
            return TypedResults.BadRequest("the body must be JSON {\"by\": \"who acknowledges\", \"note\": \"optional\"} with Content-Type application/json");
        }

        if (string.IsNullOrWhiteSpace(request.By) || request.By.Length > 64)
        {
            return TypedResults.BadRequest("by must name who acknowledges (1..64 characters)");
        }

        if (request.Note is { Length: > 1000 })
        {
            return TypedResults.BadRequest("note must be at most 1000 characters");
        }

        var (result, alert) = annunciator.Acknowledge(id, request.By.Trim(), string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim());
        return result switch
        {
            AcknowledgeResult.Acknowledged => TypedResults.Ok(alert!),
            AcknowledgeResult.AlreadyAcknowledged => TypedResults.Conflict(
                $"alert {id} was already acknowledged by {alert!.Acknowledged!.By} at {Storage.Timestamp.Format(alert.Acknowledged.AtUtc)}"),
            _ => TypedResults.NotFound($"no alert {id}"),
        };
    }

    /// <summary>The body of an acknowledgement.</summary>
    public sealed record AcknowledgeRequest(string? By, string? Note);
}
