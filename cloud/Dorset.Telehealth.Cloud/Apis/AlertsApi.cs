using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Ingestion;
using Dorset.Telehealth.Cloud.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Dorset.Telehealth.Cloud.Apis;

/// <summary>`POST /api/v1/alerts/batch` (cloud/README.md "Alerts contract (v1)").</summary>
public static class AlertsApi
{
    /// <summary>Maps the alerts group.</summary>
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("api/v1/alerts").WithTags("Ingestion");
        group.MapPost("batch", PostBatchAsync)
            .WithName("PostAlertsBatch")
            .WithSummary("Store a batch of clinical alert revisions from a hub gateway, idempotently on (alertId, revision)")
            .AsGatewayBatch<AlertBatchRequestDocument, AlertBatchResponse>();
        return app;
    }

    /// <summary>Validates the whole batch, then stores every revision and accounts for each.</summary>
    public static Task<Results<Ok<AlertBatchResponse>, ProblemHttpResult>> PostBatchAsync(HttpContext context, [FromServices] IngestionServices services) =>
        GatewayBatchEndpoint.HandleAsync(context, services, "alerts",
            (ReadOnlyMemory<byte> body, out ParsedAlertBatch? batch, out BatchError? error) => AlertBatchParser.TryParse(body, services.Options.MaxBatchAlerts, out batch, out error),
            batch => batch.GatewayId,
            (gateway, batch, cancel) => StoreAsync(services, gateway, batch, cancel));

    private static async Task<AlertBatchResponse> StoreAsync(IngestionServices s, GatewayIdentity gateway, ParsedAlertBatch batch, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        AlertIngestResult result = await s.Store.IngestAlertsAsync(gateway, batch.Alerts, cancel);
        s.Metrics.AlertBatch(result.Accepted.Count, result.Duplicate.Count, result.Rejected.Count, result.UnassignedAccepted, clock.Elapsed.Ticks / 10);
        s.Logger.LogInformation("Alert batch from {GatewayId} (hub {Hub}): {Accepted} accepted, {Duplicate} duplicate, {Rejected} rejected in {ElapsedMs} ms",
            gateway.Id, gateway.Hub, result.Accepted.Count, result.Duplicate.Count, result.Rejected.Count, clock.ElapsedMilliseconds);
        foreach (AlertRejection r in result.Rejected)
        {
            s.Logger.LogWarning("Rejected alert {AlertId}@{Revision} from {GatewayId}: {Reason}", r.AlertId, r.Revision, gateway.Id, r.Reason);
        }

        return new AlertBatchResponse(result.Accepted, result.Duplicate, result.Rejected);
    }
}
