using System;
using Dorset.Telehealth.Gateway.Apis;
using Dorset.Telehealth.Gateway.Diagnostics;
using Dorset.Telehealth.Gateway.Health;
using Dorset.Telehealth.Gateway.Patients;
using Dorset.Telehealth.Gateway.Provisioning;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dorset.Telehealth.Gateway.Extensions;

/// <summary>Options, database, metrics, health checks and the endpoints every deployment has.</summary>
public static class GatewayDefaultsExtensions
{
    /// <summary>Binds <see cref="GatewayOptions"/>, maps the shared flags, and registers the database, its registries, metrics and health checks.</summary>
    public static IHostApplicationBuilder AddGatewayDefaults(this IHostApplicationBuilder builder, string[] args)
    {
        // appsettings.json beside the binary comes first (lowest precedence): the host's content root is the working
        // directory, which is the install dir under systemd but anything in development.
        var besideBinary = new JsonConfigurationSource
        {
            Path = System.IO.Path.Combine(AppContext.BaseDirectory, "appsettings.json"),
            Optional = true,
            ReloadOnChange = false,
        };
        besideBinary.ResolveFileProvider();
        builder.Configuration.Sources.Insert(0, besideBinary);
        // Re-added with switch mappings so that --data-dir etc. land in the options sections (last source wins).
        builder.Configuration.AddCommandLine(args, GatewayConfiguration.SwitchMappings);
        // Each log line says when, in UTC as the cloud's: gateway.log (the demo) and a copied console have no other clock.
        // (AddSimpleConsole names the formatter: without a name the console logger replaces these with its own empty defaults.)
        builder.Logging.AddSimpleConsole(o =>
        {
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
            o.UseUtcTimestamp = true;
        });
        builder.Services.AddOptions<GatewayOptions>().BindConfiguration(nameof(GatewayOptions)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => new GatewayDatabase(sp.GetRequiredService<IOptions<GatewayOptions>>().Value.DatabasePath));
        builder.Services.AddSingleton<UnitRegistry>();
        builder.Services.AddSingleton<PatientRegistry>();
        builder.Services.AddSingleton<UnitProvisioning>();
        builder.Services.AddSingleton<ReadingStore>();
        builder.Services.AddSingleton<GatewayStateStore>();
        // One registry per host, not prometheus-net's static default: two hosts in one process (the tests) keep their own counts.
        builder.Services.AddSingleton(_ =>
        {
            Prometheus.CollectorRegistry registry = Prometheus.Metrics.NewCustomRegistry();
            Prometheus.DotNetStats.Register(registry); // process_* and dotnet_* (GC heap, collections), as the default registry has
            return registry;
        });
        builder.Services.AddSingleton<GatewayMetrics>();
        builder.Services.AddSingleton<ScrapedGauges>();
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy("process running"), tags: new[] { "live" })
            .AddCheck<BrokerHealthCheck>("broker")
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<DiskHealthCheck>("disk");
        return builder;
    }

    /// <summary>/health (all checks, JSON), /alive (liveness only) and /metrics.</summary>
    public static IEndpointRouteBuilder MapDefaultEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = HealthResponseWriter.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
        app.MapMetricsApi();
        return app;
    }
}
