using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Diagnostics;
using Dorset.Telehealth.Gateway.Forwarding;
using Dorset.Telehealth.Gateway.Ingest;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Prometheus;

namespace Dorset.Telehealth.Gateway.Apis;

/// <summary>GET /metrics in the Prometheus text format: the host's registry (its counters, the scraped gauges, the process and .NET runtime).</summary>
public static class MetricsApi
{
    /// <summary>Maps /metrics.</summary>
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", GetMetrics).WithName("Metrics").WithSummary("Prometheus text exposition of the gateway's counters and gauges.");
        return app;
    }

    /// <summary>Renders the metrics.</summary>
    public static IResult GetMetrics(CollectorRegistry registry, ScrapedGauges gauges, ReadingStore readings, ForwarderState forwarder, DiskGuard disk,
        GatewayAlarms alarms, AlertStore alerts, HttpContext http)
    {
        gauges.Update(readings, forwarder, disk, alarms, alerts);
        return Results.Stream(body => registry.CollectAndExportAsTextAsync(body, http.RequestAborted), "text/plain; version=0.0.4; charset=utf-8");
    }
}
