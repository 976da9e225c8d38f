using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Diagnostics;
using Dorset.Telehealth.Cloud.Ingestion;
using Dorset.Telehealth.Cloud.Security;
using Dorset.Telehealth.Cloud.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dorset.Telehealth.Cloud.Apis;

/// <summary>Everything the batch handler needs.</summary>
public sealed class IngestionServices
{
    /// <summary>Creates the bundle.</summary>
    public IngestionServices(ICloudStore store, IOptions<IngestionOptions> options, CloudMetrics metrics, ILogger<IngestionServices> logger)
    {
        Store = store;
        Options = options.Value;
        Metrics = metrics;
        Logger = logger;
    }

    /// <summary>The store.</summary>
    public ICloudStore Store { get; }

    /// <summary>The limits.</summary>
    public IngestionOptions Options { get; }

    /// <summary>The counters.</summary>
    public CloudMetrics Metrics { get; }

    /// <summary>The log.</summary>
    public ILogger Logger { get; }
}

/// <summary>`POST /api/v1/readings/batch` (cloud/README.md "Batch ingestion contract (v1)").</summary>
public static class IngestionApi
{
    /// <summary>Maps the ingestion group.</summary>
    public static IEndpointRouteBuilder MapIngestionApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("api/v1/readings").WithTags("Ingestion");
        group.MapPost("batch", PostBatchAsync)
            .WithName("PostReadingsBatch")
            .WithSummary("Store a batch of readings from a hub gateway, idempotently on each reading's key")
            .RequireAuthorization(Extensions.IngestionExtensions.GatewayPolicy)
            .RequireRateLimiting(Extensions.IngestionExtensions.PerGatewayPolicy)
            .Accepts<BatchRequestDocument>("application/json")
            .Produces<BatchResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .Produces(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>Validates the whole batch, then stores it in one transaction and accounts for every key.</summary>
    public static async Task<Results<Ok<BatchResponse>, ProblemHttpResult>> PostBatchAsync(HttpContext context, [FromServices] IngestionServices services)
    {
        IngestionServices s = services;
        GatewayIdentity gateway = BearerAuthenticationHandler.GatewayOf(context.User)
            ?? throw new InvalidOperationException("endpoint requires an authenticated gateway");
        CancellationToken cancel = context.RequestAborted;

        if (!context.Request.HasJsonContentType())
        {
            return Refuse(s, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Content-Type must be application/json");
        }

        PooledBody? body = await PooledBody.ReadLimitedAsync(context.Request, s.Options.MaxBodyBytes, cancel);
        if (body == null)
        {
            return Refuse(s, StatusCodes.Status413PayloadTooLarge, "Body too large", $"the body exceeds {s.Options.MaxBodyBytes} bytes; send smaller batches");
        }

        ParsedBatch? batch;
        BatchError? error;
        using (body)
        {
            // The parser copies what it keeps into strings, so the pooled buffer can go back when it returns.
            BatchParser.TryParse(body.Memory, s.Options.MaxBatchReadings, out batch, out error);
        }

        if (batch == null)
        {
            s.Logger.LogWarning("Refused a batch from {GatewayId}: item {Index} ({Key}) {Field}: {Detail}", gateway.Id, error!.Index, error.Key, error.Field, error.Detail);
            s.Metrics.Refused(400);
            return TypedResults.Problem(
                detail: error.Detail,
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid batch: nothing was stored",
                type: "https://dorset-telehealth.nhs.uk/problems/invalid-batch",
                extensions: new Dictionary<string, object?> { ["index"] = error.Index, ["key"] = error.Key, ["field"] = error.Field });
        }

        if (batch!.GatewayId != null && batch.GatewayId != gateway.Id)
        {
            return Refuse(s, StatusCodes.Status403Forbidden, "Gateway mismatch",
                $"gatewayId '{batch.GatewayId}' is not the gateway this secret belongs to");
        }

        var clock = Stopwatch.StartNew();
        IngestResult result;
        try
        {
            result = await s.Store.IngestAsync(gateway, batch.Readings, cancel);
        }
        catch (System.Data.Common.DbException e)
        {
            s.Logger.LogError(e, "Store failed for a batch of {Count} from {GatewayId}", batch.Readings.Count, gateway.Id);
            return Refuse(s, StatusCodes.Status503ServiceUnavailable, "Store unavailable", "the store did not accept the batch; nothing was stored; retry later");
        }

        s.Metrics.Batch(result.Accepted.Count, result.Duplicate.Count, result.Rejected.Count, result.UnassignedAccepted, clock.Elapsed.Ticks / 10);
        s.Logger.LogInformation("Batch from {GatewayId} (hub {Hub}): {Accepted} accepted, {Duplicate} duplicate, {Rejected} rejected in {ElapsedMs} ms",
            gateway.Id, gateway.Hub, result.Accepted.Count, result.Duplicate.Count, result.Rejected.Count, clock.ElapsedMilliseconds);
        foreach (Rejection r in result.Rejected)
        {
            s.Logger.LogWarning("Rejected {Key} from {GatewayId}: {Reason}", r.Key, gateway.Id, r.Reason);
        }

        return TypedResults.Ok(new BatchResponse(result.Accepted, result.Duplicate, result.Rejected));
    }

    private static ProblemHttpResult Refuse(IngestionServices s, int status, string title, string detail)
    {
        s.Metrics.Refused(status);
        return TypedResults.Problem(detail: detail, statusCode: status, title: title);
    }
}
