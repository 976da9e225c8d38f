using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.StaffConsole;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Dorset.Telehealth.Gateway.Apis;

/// <summary>api/alerts: what the console pages show, for scripts with a console session.</summary>
public static class AlertsApi
{
    /// <summary>Maps the group.</summary>
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapApiGroup("api/alerts", "Alerts");
        api.MapGet("/", GetAlerts).WithName("GetAlerts").WithSummary("Alerts in triage order; ?state=open|acknowledged|resolved, ?patient=REF, ?since=ISO (last change).");
        api.MapGet("/{id}", GetAlert).WithName("GetAlert").WithSummary("One alert with its readings, score and lifecycle.");
        api.MapPost("/{id}/acknowledge", Acknowledge).WithName("AcknowledgeAlert").WithSummary("Acknowledges the alert as the session's user, with {\"note\": \"what was done\"} (required).");
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

    /// <summary>Acknowledges an alert as the logged-in user; like the console's form, only with a note.</summary>
    public static async Task<Results<Ok<AlertRecord>, BadRequest<string>, NotFound<string>, Conflict<string>>> Acknowledge(
        AlertAnnunciator annunciator, string id, HttpContext http)
    {
        AcknowledgeRequest? request = await ApiJson.ReadAsync<AcknowledgeRequest>(http).ConfigureAwait(false);
        if (request == null || string.IsNullOrWhiteSpace(request.Note) || request.Note.Length > ConsoleAcknowledgement.MaxNote)
        {
            return TypedResults.BadRequest($"the body must be JSON {{\"note\": \"what was done\"}} (1..{ConsoleAcknowledgement.MaxNote} characters) with Content-Type application/json");
        }

        var (result, alert) = annunciator.Acknowledge(id, http.User.Identity!.Name!, request.Note.Trim());
        return result switch
        {
            AcknowledgeResult.Acknowledged => TypedResults.Ok(alert!),
            AcknowledgeResult.AlreadyAcknowledged => TypedResults.Conflict(
                $"alert {id} was already acknowledged by {alert!.Acknowledged!.By} at {Storage.Timestamp.Format(alert.Acknowledged.AtUtc)}"),
            _ => TypedResults.NotFound($"no alert {id}"),
        };
    }

    /// <summary>The body of an acknowledgement.</summary>
    public sealed record AcknowledgeRequest(string? Note);
}
