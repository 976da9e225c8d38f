using System;
using System.Collections.Generic;
using System.Globalization;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Dorset.Telehealth.Gateway.Apis;

/// <summary>api/readings and api/quarantine: what the console pages show, for scripts with a console session.</summary>
public static class ReadingsApi
{
    /// <summary>Maps the group.</summary>
    public static IEndpointRouteBuilder MapReadingsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapApiGroup("api/readings", "Readings");
        api.MapGet("/", GetReadings).WithName("GetReadings").WithSummary("Latest readings, newest first; ?unit= and ?limit= (max 1000).");
        api.MapGet("/backlog", GetBacklog).WithName("GetBacklog").WithSummary("Readings waiting for the cloud.");
        app.MapApiGroup("api/quarantine", "Readings")
            .MapGet("/", GetQuarantine).WithName("GetQuarantine").WithSummary("Frames that failed to decode, newest first.");
        return app;
    }

    /// <summary>Latest readings.</summary>
    public static Results<Ok<IReadOnlyList<ExportedReading>>, BadRequest<string>> GetReadings(ReadingStore store, string? unit, int? limit)
    {
        int count = limit ?? 100;
        if (count < 1 || count > 1000)
        {
            return TypedResults.BadRequest("limit must be 1..1000");
        }

        return TypedResults.Ok(store.Latest(unit, count));
    }

    /// <summary>The backlog.</summary>
    public static Ok<BacklogDto> GetBacklog(ReadingStore store)
    {
        BacklogSummary backlog = store.Backlog();
        return TypedResults.Ok(new BacklogDto(backlog.Count, backlog.OldestReceivedUtc?.ToString("O", CultureInfo.InvariantCulture)));
    }

    /// <summary>Quarantined frames.</summary>
    public static Ok<IReadOnlyList<QuarantinedFrame>> GetQuarantine(ReadingStore store) => TypedResults.Ok(store.Quarantine(200));

    /// <summary>Backlog as JSON.</summary>
    public sealed record BacklogDto(long Count, string? OldestReceivedUtc);
}
