using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Ingestion;

namespace Dorset.Telehealth.Cloud.Storage;

/// <summary>
/// The cloud's store: SQLite (<see cref="SqliteCloudStore"/>) or PostgreSQL (<see cref="PostgresCloudStore"/>).
/// The same contract tests run against both.
/// </summary>
public interface ICloudStore
{
    /// <summary>Creates the schema when missing. Safe to run from several replicas at once.</summary>
    Task EnsureSchemaAsync(CancellationToken cancel = default);

    /// <summary>True when the store answers a trivial query.</summary>
    Task<bool> PingAsync(CancellationToken cancel = default);

    /// <summary>Registers a gateway (and its hub if new).</summary>
    /// <exception cref="RegistryException">The id is taken.</exception>
    Task AddGatewayAsync(string id, string hub, string secretHash, CancellationToken cancel = default);

    /// <summary>Revokes a gateway; false when unknown.</summary>
    Task<bool> RevokeGatewayAsync(string id, CancellationToken cancel = default);

    /// <summary>The gateways, revoked ones included.</summary>
    Task<IReadOnlyList<GatewayRecord>> ListGatewaysAsync(CancellationToken cancel = default);

    /// <summary>The unrevoked gateway holding the secret with this hash, or null.</summary>
    Task<GatewayIdentity?> FindGatewayBySecretHashAsync(string secretHash, CancellationToken cancel = default);

    /// <summary>Registers a FHIR reader (a clinical system or person allowed to read Observations).</summary>
    /// <exception cref="RegistryException">The id is taken.</exception>
    Task AddReaderAsync(string id, string name, string secretHash, CancellationToken cancel = default);

    /// <summary>Revokes a FHIR reader; false when unknown.</summary>
    Task<bool> RevokeReaderAsync(string id, CancellationToken cancel = default);

    /// <summary>The id of the unrevoked reader holding the secret with this hash, or null.</summary>
    Task<string?> FindReaderBySecretHashAsync(string secretHash, CancellationToken cancel = default);

    /// <summary>Registers a patient; <paramref name="nhsNumber"/> must already be validated.</summary>
    /// <exception cref="RegistryException">The NHS number is already registered.</exception>
    Task AddPatientAsync(string nhsNumber, string name, CancellationToken cancel = default);

    /// <summary>The patient, or null.</summary>
    Task<PatientRecord?> FindPatientAsync(string nhsNumber, CancellationToken cancel = default);

    /// <summary>
    /// Assigns <paramref name="unitId"/> to the patient from <paramref name="from"/>, closing the unit's open
    /// assignment at that instant; attributes the unit's unassigned readings the new period covers.
    /// </summary>
    /// <exception cref="RegistryException">Unknown patient, unknown unit without a hub, overlap or backdating over attributed readings.</exception>
    Task<AssignResult> AssignUnitAsync(string unitId, string nhsNumber, DateTimeOffset from, string? hub, CancellationToken cancel = default);

    /// <summary>Stores the batch idempotently (database unique key) and accounts for every reading.</summary>
    Task<IngestResult> IngestAsync(GatewayIdentity gateway, IReadOnlyList<BatchReading> readings, CancellationToken cancel = default);

    /// <summary>The reading served under this Observation id, or null.</summary>
    Task<StoredReading?> GetReadingAsync(string observationId, CancellationToken cancel = default);

    /// <summary>One page of attributed observations (readings' and partial NEWS2 alerts'), ordered by row id then part.</summary>
    Task<ObservationPage> SearchObservationsAsync(ObservationQuery query, CancellationToken cancel = default);

    /// <summary>
    /// Stores alert revisions idempotently (database unique (alert_id, revision)) and accounts for every one; an
    /// alert is attributed to the patient whose unit assignment covers its first breach.
    /// </summary>
    Task<AlertIngestResult> IngestAlertsAsync(GatewayIdentity gateway, IReadOnlyList<BatchAlert> alerts, CancellationToken cancel = default);

    /// <summary>The highest stored revision of the alert, or null.</summary>
    Task<StoredAlert?> GetCurrentAlertAsync(string alertId, CancellationToken cancel = default);

    /// <summary>One page of the current revisions of the patient's alerts that are issues (not partial NEWS2 scores), ordered by storage.</summary>
    Task<AlertPage> SearchDetectedIssuesAsync(string patientNhs, int count, int offset, CancellationToken cancel = default);

    /// <summary>The patient's readings with these keys; keys not stored (or another patient's) are absent.</summary>
    Task<IReadOnlyDictionary<string, StoredReadingRef>> FindReadingsAsync(string patientNhs, IReadOnlyCollection<string> keys, CancellationToken cancel = default);

    /// <summary>The device with this Bluetooth address as last seen in readings, or null.</summary>
    Task<DeviceRecord?> FindDeviceAsync(string address, CancellationToken cancel = default);

    /// <summary>Stored readings, and how many of them are unassigned.</summary>
    Task<(long Total, long Unassigned)> CountReadingsAsync(CancellationToken cancel = default);
}
