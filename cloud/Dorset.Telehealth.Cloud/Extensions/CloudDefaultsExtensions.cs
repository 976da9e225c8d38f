using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Diagnostics;
using Dorset.Telehealth.Cloud.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dorset.Telehealth.Cloud.Extensions;

/// <summary>Cross-cutting registration: flags, logs, options, problem details, OpenAPI, health, metrics.</summary>
public static class CloudDefaultsExtensions
{
    /// <summary>The command-line flags shared by the host and the CLI verbs, mapped onto configuration keys.</summary>
    public static readonly IReadOnlyDictionary<string, string> SwitchMappings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--data-dir"] = "CloudStoreOptions:DataDirectory",
        ["--postgres"] = "CloudStoreOptions:PostgresConnectionString",
        ["--urls"] = "urls",
    };

    /// <summary>Flags, structured logs, validated options, problem details, OpenAPI, health checks, metrics.</summary>
    public static IHostApplicationBuilder AddCloudDefaults(this IHostApplicationBuilder builder, string[] args)
    {
        // After the default providers, so the documented flags win over appsettings and environment variables.
        builder.Configuration.AddCommandLine(args, SwitchMappings.ToDictionary(p => p.Key, p => p.Value));

        builder.Logging.ClearProviders();
        // Defaults when no appsettings.json is found beside the working directory: one line per batch, not per request.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            o.JsonWriterOptions = new JsonWriterOptions { Indented = false };
        });

        // A headless service must fail at boot on a bad setting, not at the first batch.
        builder.Services.AddOptions<CloudStoreOptions>().BindConfiguration(nameof(CloudStoreOptions)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<IngestionOptions>, IngestionOptionsValidator>();
        builder.Services.AddOptions<IngestionOptions>().BindConfiguration(nameof(IngestionOptions)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<FhirOptions>().BindConfiguration(nameof(FhirOptions)).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Dorset Telehealth county cloud";
            document.Info.Description = "Batch ingestion from hub gateways (contract: cloud/README.md) and FHIR R4 reads.";
            return Task.CompletedTask;
        }));
        // One registry per host, not prometheus-net's static default: two hosts in one process (the tests) keep their own counts.
        builder.Services.AddSingleton(_ =>
        {
            Prometheus.CollectorRegistry registry = Prometheus.Metrics.NewCustomRegistry();
            Prometheus.DotNetStats.Register(registry); // process_* and dotnet_* (GC heap, collections), as the default registry has
            return registry;
        });
        builder.Services.AddSingleton<CloudMetrics>();
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), new[] { "live" })
            .AddCheck<StoreHealthCheck>("store");
        return builder;
    }

    /// <summary>/health (every check), /alive (process only), /metrics and /openapi/v1.json.</summary>
    /// <remarks>
    /// Exposed in every environment: they reveal no patient data, and the load balancer and Prometheus need them.
    /// Restrict them at the ingress if the county requires it.
    /// </remarks>
    public static IEndpointRouteBuilder MapDefaultEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live"), ResponseWriter = WriteHealthAsync });
        app.MapGet("/metrics", (Prometheus.CollectorRegistry registry, HttpContext http) =>
                TypedResults.Stream(body => registry.CollectAndExportAsTextAsync(body, http.RequestAborted), "text/plain; version=0.0.4; charset=utf-8"))
            .WithName("Metrics").WithSummary("Prometheus metrics").WithTags("Operations");
        app.MapOpenApi();
        return app;
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}

/// <summary>Healthy when the store answers.</summary>
public sealed class StoreHealthCheck : IHealthCheck
{
    private readonly ICloudStore _store;

    /// <summary>Creates the check.</summary>
    public StoreHealthCheck(ICloudStore store)
    {
        _store = store;
    }

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, System.Threading.CancellationToken cancellationToken = default)
    {
        return await _store.PingAsync(cancellationToken)
            ? HealthCheckResult.Healthy("store answers")
            : HealthCheckResult.Unhealthy("store unreachable");
    }
}
