using System;
using System.Threading.Tasks;
using Dorset.Telehealth.TestSupport;

[assembly: AssemblyFixture(typeof(Dorset.Telehealth.Cloud.Tests.Fixtures.PostgresServerLifetime))]

namespace Dorset.Telehealth.Cloud.Tests.Fixtures;

/// <summary>Stops the shared PostgreSQL (<see cref="PostgresServer"/>) at the end of the run.</summary>
public sealed class PostgresServerLifetime : IAsyncDisposable
{
    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await PostgresServer.StopSharedAsync();
}
