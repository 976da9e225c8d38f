using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Ingest;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dorset.Telehealth.Gateway.Health;

/// <summary>Healthy while the broker accepts connections.</summary>
public sealed class BrokerHealthCheck : IHealthCheck
{
    private readonly BrokerState _state;

    /// <summary>Creates the check.</summary>
    public BrokerHealthCheck(BrokerState state)
    {
        _state = state;
    }

    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        return Task.FromResult(_state.Started
            ? HealthCheckResult.Healthy("MQTT broker accepting connections")
            : HealthCheckResult.Unhealthy("MQTT broker not started"));
    }
}

/// <summary>Healthy when SQLite answers and takes a write lock (a read-only or locked file would stop ingest).</summary>
public sealed class DatabaseHealthCheck : IHealthCheck
{
    private readonly GatewayDatabase _database;

    /// <summary>Creates the check.</summary>
    public DatabaseHealthCheck(GatewayDatabase database)
    {
        _database = database;
    }

    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var connection = _database.Open();
            GatewayDatabase.Execute(connection, "BEGIN IMMEDIATE; ROLLBACK;");
            return Task.FromResult(HealthCheckResult.Healthy("SQLite writable", new Dictionary<string, object> { ["path"] = _database.Path }));
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException or System.IO.IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("SQLite not writable: " + e.Message));
        }
    }
}

/// <summary>Unhealthy while the disk guard refuses readings.</summary>
public sealed class DiskHealthCheck : IHealthCheck
{
    private readonly DiskGuard _guard;
    private readonly GatewayOptions _options;

    /// <summary>Creates the check.</summary>
    public DiskHealthCheck(DiskGuard guard, Microsoft.Extensions.Options.IOptions<GatewayOptions> options)
    {
        _guard = guard;
        _options = options.Value;
    }

    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        bool ok = _guard.AllowsIngest();
        var data = new Dictionary<string, object> { ["freeBytes"] = _guard.FreeBytes, ["thresholdBytes"] = _options.MinimumFreeDiskBytes };
        return Task.FromResult(ok
            ? HealthCheckResult.Healthy("free disk space above the threshold", data)
            : HealthCheckResult.Unhealthy("DISK ALARM: free space below the threshold; readings are not acknowledged", data: data));
    }
}
