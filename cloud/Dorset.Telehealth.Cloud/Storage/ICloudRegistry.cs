using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Dorset.Telehealth.Cloud.Storage;

/// <summary>The registry: gateways and FHIR readers with their secrets, patients, and units assigned to patients.</summary>
public interface ICloudRegistry
{
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
}
