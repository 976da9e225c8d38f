using System;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Cloud.Tests.Fixtures;

/// <summary>One in-process cloud per test class, on a store the subclass chooses; created on first use.</summary>
public abstract class CloudAppFixture : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CloudApp? _app;

    /// <summary>The app, started on first call.</summary>
    public async Task<CloudApp> GetAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_app == null)
            {
                CloudApp app = await CreateAsync();
                await app.AuthoriseFhirAsync();
                _app = app;
            }

            return _app;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A new hub with its gateway, a patient and a new unit assigned to them since 2026-01-01, on the app.</summary>
    public async Task<(CloudApp App, string Hub, string GatewayId, string Secret, string Nhs, string Unit)> ArrangeAssignedUnitAsync()
    {
        CloudApp app = await GetAsync();
        string hub = CloudApp.Unique("hub");
        (string id, string secret) = await app.AddGatewayAsync(hub);
        string nhs = await app.AddPatientAsync();
        string unit = CloudApp.Unique("unit");
        await app.Store.AssignUnitAsync(unit, nhs, DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), hub);
        return (app, hub, id, secret, nhs, unit);
    }

    /// <summary>Creates the app.</summary>
    protected abstract Task<CloudApp> CreateAsync();

    /// <inheritdoc/>
    public virtual async ValueTask DisposeAsync()
    {
        if (_app != null)
        {
            await _app.DisposeAsync();
        }
    }
}

/// <summary>SQLite in a temporary directory.</summary>
public sealed class SqliteAppFixture : CloudAppFixture
{
    private readonly TempDirectory _dir = new();

    /// <inheritdoc/>
    protected override Task<CloudApp> CreateAsync() => Task.FromResult(new CloudApp(o =>
    {
        o.DataDirectory = _dir.Path;
        o.PostgresConnectionString = null;
    }));

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _dir.Dispose();
    }
}

/// <summary>A fresh database on the shared PostgreSQL server (skips when PostgreSQL is not installed).</summary>
public sealed class PostgresAppFixture : CloudAppFixture
{
    /// <inheritdoc/>
    protected override async Task<CloudApp> CreateAsync()
    {
        PostgresServer server = await PostgresServer.GetAsync();
        string connectionString = await server.CreateDatabaseAsync();
        return new CloudApp(o => o.PostgresConnectionString = connectionString);
    }
}
