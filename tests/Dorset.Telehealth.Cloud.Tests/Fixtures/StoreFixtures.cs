using System;
using System.Threading;
using System.Threading.Tasks;

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
