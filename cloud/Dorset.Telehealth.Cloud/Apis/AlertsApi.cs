using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Ingestion;
using Dorset.Telehealth.Cloud.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

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
            (gateway, batch, cancel) => StoreAsync(services, gateway, batch, cancel),
            services.Metrics.AlertBatch);

    private static async Task<BatchOutcome<AlertBatchResponse>> StoreAsync(IngestionServices s, GatewayIdentity gateway, ParsedAlertBatch batch, CancellationToken cancel)
    {
        AlertIngestResult result = await s.Store.IngestAlertsAsync(gateway, batch.Alerts, cancel);
        return new BatchOutcome<AlertBatchResponse>(new AlertBatchResponse(result.Accepted, result.Duplicate, result.Rejected),
            result.Accepted.Count, result.Duplicate.Count, result.Rejected.Select(r => ($"{r.AlertId}@{r.Revision}", r.Reason)).ToList(), result.UnassignedAccepted);
    }
}
