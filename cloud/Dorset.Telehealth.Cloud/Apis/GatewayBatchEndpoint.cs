using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Ingestion;
using Dorset.Telehealth.Cloud.Security;
using Dorset.Telehealth.Cloud.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace Dorset.Telehealth.Cloud.Apis;

/// <summary>
/// What every gateway batch endpoint (readings, alerts) does around its own parser and store call: the gateway
/// bearer policy and per-gateway posts limit, 415 for another media type, a pooled body with the 413 limits (bytes,
/// items), 400 naming the first bad item, 403 for another gateway's id, 429 when the readings bucket is short, and 503
/// when the store fails (cloud/README.md "Errors").
/// One place, so the two contracts cannot drift apart in how they refuse.
/// </summary>
public static class GatewayBatchEndpoint
{
    /// <summary>Counts a stored batch: accepted, duplicate, rejected, unassigned, microseconds.</summary>
    public delegate void Counter(int accepted, int duplicate, int rejected, int unassigned, long microseconds);

    /// <summary>Parses a body; false with the first problem.</summary>
    public delegate bool Parser<TBatch>(ReadOnlyMemory<byte> body, out TBatch? batch, out BatchError? error)
        where TBatch : class;

    /// <summary>The authorisation, rate limit and documented responses of a gateway batch endpoint.</summary>
    public static RouteHandlerBuilder AsGatewayBatch<TRequest, TResponse>(this RouteHandlerBuilder route)
        where TRequest : notnull
        where TResponse : notnull
    {
        return route
            .RequireAuthorization(Extensions.IngestionExtensions.GatewayPolicy)
            .RequireRateLimiting(Extensions.IngestionExtensions.PerGatewayPolicy)
            .Accepts<TRequest>("application/json")
            .Produces<TResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .Produces(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Reads, validates and stores one batch; <paramref name="store"/> runs only for a wholly valid batch of this gateway.</summary>
    /// <param name="context">The request.</param>
    /// <param name="s">Limits, store, counters, log.</param>
    /// <param name="what">What the batch holds, for logs: readings, alerts.</param>
    /// <param name="parse">The contract's parser.</param>
    /// <param name="claimedGateway">The batch's gatewayId, or null.</param>
    /// <param name="store">Stores the batch and says how it went.</param>
    /// <param name="count">The counters of this kind of batch.</param>
    /// <param name="readingsIn">How many readings the batch holds, taken from the gateway's readings bucket (429 when it is short); null: none.</param>
    public static async Task<Results<Ok<TResponse>, ProblemHttpResult>> HandleAsync<TBatch, TResponse>(
        HttpContext context, IngestionServices s, string what, Parser<TBatch> parse, Func<TBatch, string?> claimedGateway,
        Func<GatewayIdentity, TBatch, CancellationToken, Task<BatchOutcome<TResponse>>> store, Counter count, Func<TBatch, int>? readingsIn = null)
        where TBatch : class
    {
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

        TBatch? batch;
        BatchError? error;
        using (body)
        {
            // The parser copies what it keeps into strings, so the pooled buffer can go back when it returns.
            parse(body.Memory, out batch, out error);
        }

        if (error is { TooMany: true })
        {
            return Refuse(s, StatusCodes.Status413PayloadTooLarge, "Batch too large", error.Detail + "; send smaller batches");
        }

        if (batch == null)
        {
            s.Logger.LogWarning("Refused a {What} batch from {GatewayId}: item {Index} ({Key}) {Field}: {Detail}", what, gateway.Id, error!.Index, error.Key, error.Field, error.Detail);
            s.Metrics.Refused(400);
            return TypedResults.Problem(
                detail: error.Detail,
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid batch: nothing was stored",
                type: "https://dorset-telehealth.nhs.uk/problems/invalid-batch",
                extensions: new Dictionary<string, object?> { ["index"] = error.Index, ["key"] = error.Key, ["field"] = error.Field });
        }

        string? claimed = claimedGateway(batch);
        if (claimed != null && claimed != gateway.Id)
        {
            return Refuse(s, StatusCodes.Status403Forbidden, "Gateway mismatch", $"gatewayId '{claimed}' is not the gateway this secret belongs to");
        }

        if (readingsIn != null && s.ReadingsLimiter.TryTake(gateway.Id, readingsIn(batch)) is TimeSpan wait)
        {
            int seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Refuse(s, StatusCodes.Status429TooManyRequests, "Rate limited",
                $"rate limited: this gateway is over its {s.Options.ReadingsPerMinute} readings a minute (burst {s.Options.ReadingsBurst}); nothing was stored; retry after {seconds} s");
        }

        var clock = Stopwatch.StartNew();
        BatchOutcome<TResponse> outcome;
        try
        {
            outcome = await store(gateway, batch, cancel);
        }
        catch (System.Data.Common.DbException e)
        {
            s.Logger.LogError(e, "Store failed for a {What} batch from {GatewayId}", what, gateway.Id);
            return Refuse(s, StatusCodes.Status503ServiceUnavailable, "Store unavailable", "the store did not accept the batch; nothing was stored; retry later");
        }

        count(outcome.Accepted, outcome.Duplicate, outcome.Rejected.Count, outcome.Unassigned, clock.Elapsed.Ticks / 10);
        s.Logger.LogInformation("{What} batch from {GatewayId} (hub {Hub}): {Accepted} accepted, {Duplicate} duplicate, {Rejected} rejected in {ElapsedMs} ms",
            what, gateway.Id, gateway.Hub, outcome.Accepted, outcome.Duplicate, outcome.Rejected.Count, clock.ElapsedMilliseconds);
        foreach ((string id, string reason) in outcome.Rejected)
        {
            s.Logger.LogWarning("Rejected {What} {Id} from {GatewayId}: {Reason}", what, id, gateway.Id, reason);
        }

        return TypedResults.Ok(outcome.Response);
    }

    private static ProblemHttpResult Refuse(IngestionServices s, int status, string title, string detail)
    {
        s.Metrics.Refused(status);
        return TypedResults.Problem(detail: detail, statusCode: status, title: title);
    }
}

/// <summary>How a stored batch went: the 200 body, and the counts and rejections for the log and the counters.</summary>
public sealed record BatchOutcome<TResponse>(TResponse Response, int Accepted, int Duplicate, IReadOnlyList<(string Id, string Reason)> Rejected, int Unassigned);
