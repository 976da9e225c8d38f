using System;
using System.Text.Json.Nodes;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Patients;
using Dorset.Telehealth.Gateway.Storage;

namespace Dorset.Telehealth.Gateway.Provisioning;

/// <summary>
/// Adding and revoking units, for the CLI verbs (`units add`, `provision`, `units revoke`) and the console's
/// Provisioning page alike: the unit, its patient's name and NHS number, and the audit row naming who did it are
/// written in one transaction, so a refused request leaves nothing behind.
/// </summary>
public sealed class UnitProvisioning
{
    private readonly GatewayDatabase _database;
    private readonly UnitRegistry _units;
    private readonly TimeProvider _time;

    /// <summary>Creates the service.</summary>
    public UnitProvisioning(GatewayDatabase database, UnitRegistry units, TimeProvider time)
    {
        _database = database;
        _units = units;
        _time = time;
    }

    /// <summary>
    /// Registers the unit (and its patient's details) as <paramref name="actor"/>: the unit with its secret, or the
    /// one-line problem and nothing registered.
    /// </summary>
    public (ProvisionedUnit? Unit, string? Problem) Provision(UnitRequest request, string actor)
    {
        PatientRecord? patient = PatientRegistry.Details(request.PatientRef, request.DisplayName, request.NhsNumber, out string? problem);
        problem ??= UnitRegistry.NewUnitProblem(request.UnitId, request.PatientRef);
        if (problem != null)
        {
            return (null, problem);
        }

        string secret = SecretHasher.NewSecret();
        string hash = SecretHasher.Hash(secret);
        DateTimeOffset now = _time.GetUtcNow();
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        try
        {
            UnitRegistry.Insert(connection, transaction, request.UnitId, request.PatientRef, hash, now);
        }
        catch (InvalidOperationException e)
        {
            return (null, e.Message);
        }

        problem = patient == null ? null : PatientRegistry.Register(connection, transaction, patient, actor, now);
        if (problem != null)
        {
            return (null, problem);
        }

        AuditLog.Write(connection, transaction, now, actor, "unit.provision", "unit:" + request.UnitId, null,
            new JsonObject { ["patientRef"] = request.PatientRef }.ToJsonString());
        transaction.Commit();
        return (new ProvisionedUnit(request.UnitId, request.PatientRef, secret), null);
    }

    /// <summary>
    /// Why a request would be refused for its unit id (malformed, or registered already), or null: checked before the
    /// CLI makes the bundle's folder, which is named after the id. <see cref="Provision"/> checks again, in its transaction.
    /// </summary>
    public string? UnitIdProblem(UnitRequest request) =>
        UnitRegistry.NewUnitProblem(request.UnitId, request.PatientRef)
        ?? (_units.Find(request.UnitId) != null ? $"unit '{request.UnitId}' already exists" : null);

    /// <summary>
    /// Revokes a unit as <paramref name="actor"/>: the broker refuses it from now on and a running gateway closes its
    /// session within seconds. False when there is no active unit of that id.
    /// </summary>
    public bool Revoke(string unitId, string actor)
    {
        if (!UnitRegistry.IsValidUnitId(unitId))
        {
            return false;
        }

        DateTimeOffset now = _time.GetUtcNow();
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        if (!_units.Revoke(connection, transaction, unitId, now))
        {
            return false;
        }

        AuditLog.Write(connection, transaction, now, actor, "unit.revoke", "unit:" + unitId, null,
            new JsonObject { ["revokedUtc"] = Timestamp.Format(now) }.ToJsonString());
        transaction.Commit();
        return true;
    }

    /// <summary>Records that <paramref name="actor"/> took <paramref name="unitId"/>'s bundle, which holds its secret.</summary>
    public void BundleHandedOut(string unitId, string actor)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        AuditLog.Write(connection, transaction, _time.GetUtcNow(), actor, "unit.bundle-download", "unit:" + unitId, null, null);
        transaction.Commit();
    }
}
