using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Diagnostics;
using Dorset.Telehealth.Cloud.Ingestion;
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
    public IngestionServices(ICloudIngestion store, IOptions<IngestionOptions> options, ReadingsRateLimiter readingsLimiter, CloudMetrics metrics, ILogger<IngestionServices> logger)
    {
        Store = store;
        ReadingsLimiter = readingsLimiter;
        Options = options.Value;
        Metrics = metrics;
        Logger = logger;
    }

    /// <summary>The store.</summary>
    public ICloudIngestion Store { get; }

    /// <summary>The per-gateway readings bucket.</summary>
    public ReadingsRateLimiter ReadingsLimiter { get; }

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
            .AsGatewayBatch<BatchRequestDocument, BatchResponse>();
        return app;
    }

    /// <summary>Validates the whole batch, then stores it in one transaction and accounts for every key.</summary>
    public static Task<Results<Ok<BatchResponse>, ProblemHttpResult>> PostBatchAsync(HttpContext context, [FromServices] IngestionServices services) =>
        GatewayBatchEndpoint.HandleAsync(context, services, "readings",
            (ReadOnlyMemory<byte> body, out ParsedBatch? batch, out BatchError? error) => BatchParser.TryParse(body, services.Options.MaxBatchReadings, out batch, out error),
            batch => batch.GatewayId,
            (gateway, batch, cancel) => StoreAsync(services, gateway, batch, cancel),
            services.Metrics.Batch,
            batch => batch.Readings.Count);

    private static async Task<BatchOutcome<BatchResponse>> StoreAsync(IngestionServices s, GatewayIdentity gateway, ParsedBatch batch, CancellationToken cancel)
    {
        IngestResult result = await s.Store.IngestAsync(gateway, batch.Readings, cancel);
        return new BatchOutcome<BatchResponse>(new BatchResponse(result.Accepted, result.Duplicate, result.Rejected),
            result.Accepted.Count, result.Duplicate.Count, result.Rejected.Select(r => (r.Key, r.Reason)).ToList(), result.UnassignedAccepted);
    }
}
