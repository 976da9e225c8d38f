using System.Threading;
using System.Threading.Tasks;

namespace Dorset.Telehealth.Cloud.Storage;

/// <summary>
/// The cloud's store: SQLite (<see cref="SqliteCloudStore"/>) or PostgreSQL (<see cref="PostgresCloudStore"/>).
/// The same contract tests run against both. Each concern has its own interface, which its consumers take; the
/// store's lifecycle (schema, health) stays here. Stores to come (audit) add their own interface.
/// </summary>
public interface ICloudStore : ICloudRegistry, ICloudIngestion, IFhirQueries, ISmartClients, IAuditLog, ISubscriptionStore
{
    /// <summary>Creates the schema when missing. Safe to run from several replicas at once.</summary>
    Task EnsureSchemaAsync(CancellationToken cancel = default);

    /// <summary>True when the store answers a trivial query.</summary>
    Task<bool> PingAsync(CancellationToken cancel = default);
}
