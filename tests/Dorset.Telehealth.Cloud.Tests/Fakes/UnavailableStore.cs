using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Ingestion;
using Dorset.Telehealth.Cloud.Storage;

namespace Dorset.Telehealth.Cloud.Tests.Fakes;

/// <summary>A store whose database is down: every call after start-up fails as a provider would.</summary>
public sealed class UnavailableStore : ICloudStore
{
    public Task EnsureSchemaAsync(CancellationToken cancel = default) => Task.CompletedTask;

    public Task<bool> PingAsync(CancellationToken cancel = default) => Task.FromResult(false);

    public Task AddGatewayAsync(string id, string hub, string secretHash, CancellationToken cancel = default) => throw Down();

    public Task<bool> RevokeGatewayAsync(string id, CancellationToken cancel = default) => throw Down();

    public Task<IReadOnlyList<GatewayRecord>> ListGatewaysAsync(CancellationToken cancel = default) => throw Down();

    public Task<GatewayIdentity?> FindGatewayBySecretHashAsync(string secretHash, CancellationToken cancel = default) => throw Down();

    public Task AddReaderAsync(string id, string name, string secretHash, CancellationToken cancel = default) => throw Down();

    public Task<bool> RevokeReaderAsync(string id, CancellationToken cancel = default) => throw Down();

    public Task<string?> FindReaderBySecretHashAsync(string secretHash, CancellationToken cancel = default) => throw Down();

    public Task AddPatientAsync(string nhsNumber, string name, CancellationToken cancel = default) => throw Down();

    public Task<PatientRecord?> FindPatientAsync(string nhsNumber, CancellationToken cancel = default) => throw Down();

    public Task<AssignResult> AssignUnitAsync(string unitId, string nhsNumber, DateTimeOffset from, string? hub, CancellationToken cancel = default) => throw Down();

    public Task<IngestResult> IngestAsync(GatewayIdentity gateway, IReadOnlyList<BatchReading> readings, CancellationToken cancel = default) => throw Down();

    public event Action? EventsQueued { add { } remove { } }

    public Task CreateSubscriptionAsync(NewSubscription subscription, CancellationToken cancel = default) => throw Down();

    public Task<StoredSubscription?> GetSubscriptionAsync(string id, CancellationToken cancel = default) => throw Down();

    public Task<bool> EndSubscriptionAsync(string id, CancellationToken cancel = default) => throw Down();

    public Task<IReadOnlyList<StoredSubscription>> DeliverableSubscriptionsAsync(CancellationToken cancel = default) => throw Down();

    public Task<IReadOnlyList<SubscriptionEvent>> EventsAfterAsync(string id, long after, int max, CancellationToken cancel = default) => throw Down();

    public Task<bool> TryLeaseAsync(string id, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancel = default) => throw Down();

    public Task RecordDeliveredAsync(string id, long upTo, DateTimeOffset at, CancellationToken cancel = default) => throw Down();

    public Task RecordFailedAsync(string id, int failedAttempts, DateTimeOffset nextAttemptAt, string error, CancellationToken cancel = default) => throw Down();

    public Task<StoredReading?> GetReadingAsync(string observationId, CancellationToken cancel = default) => throw Down();

    public Task<ObservationPage> SearchObservationsAsync(ObservationQuery query, CancellationToken cancel = default) => throw Down();

    public Task<AlertIngestResult> IngestAlertsAsync(GatewayIdentity gateway, IReadOnlyList<BatchAlert> alerts, CancellationToken cancel = default) => throw Down();

    public Task<StoredAlert?> GetCurrentAlertAsync(string alertId, CancellationToken cancel = default) => throw Down();

    public Task<AlertPage> SearchDetectedIssuesAsync(string patientNhs, int count, int offset, CancellationToken cancel = default) => throw Down();

    public Task<IReadOnlyDictionary<string, StoredReadingRef>> FindReadingsAsync(string patientNhs, IReadOnlyCollection<string> keys, CancellationToken cancel = default) => throw Down();

    public Task<DeviceRecord?> FindDeviceAsync(string address, CancellationToken cancel = default) => throw Down();

    public Task<(long Total, long Unassigned)> CountReadingsAsync(CancellationToken cancel = default) => throw Down();

    public Task AddSmartClientAsync(string id, string name, string jwksJson, string allowedScopes, DateTimeOffset now, CancellationToken cancel = default) => throw Down();

    public Task<bool> RevokeSmartClientAsync(string id, DateTimeOffset now, CancellationToken cancel = default) => throw Down();

    public Task<IReadOnlyList<SmartClientRecord>> ListSmartClientsAsync(CancellationToken cancel = default) => throw Down();

    public Task<SmartClientRecord?> FindSmartClientAsync(string id, CancellationToken cancel = default) => throw Down();

    public Task<bool> RecordAssertionAsync(string clientId, string jti, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancel = default) => throw Down();

    public Task IssueAccessTokenAsync(string tokenHash, string clientId, string scopes, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancel = default) => throw Down();

    public Task<SmartAccessToken?> FindAccessTokenAsync(string tokenHash, DateTimeOffset now, CancellationToken cancel = default) => throw Down();

    public Task<long> AppendAuditAsync(AuditRecord record, CancellationToken cancel = default) => throw Down();

    public Task<IReadOnlyList<AuditRecord>> SearchAuditAsync(AuditQuery query, CancellationToken cancel = default) => throw Down();

    private static StoreDownException Down() => new();

    private sealed class StoreDownException : DbException
    {
        public StoreDownException()
            : base("connection refused")
        {
        }
    }
}
