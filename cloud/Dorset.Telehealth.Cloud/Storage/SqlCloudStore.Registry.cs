using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Ingestion;

namespace Dorset.Telehealth.Cloud.Storage;

/// <summary>The registry (<see cref="ICloudRegistry"/>): gateways, readers, patients and unit assignments.</summary>
public abstract partial class SqlCloudStore
{
    /// <inheritdoc/>
    public async Task AddGatewayAsync(string id, string hub, string secretHash, CancellationToken cancel = default)
    {
        await WriteAsync(async (c, t) =>
        {
            if (await ScalarAsync(c, t, "SELECT count(*) FROM gateways WHERE id = @id", cancel, ("id", id)) > 0)
            {
                throw new RegistryException($"gateway '{id}' already exists (revoked gateways keep their id; choose another)");
            }

            await ExecuteAsync(c, t, "INSERT INTO hubs (name) VALUES (@hub) ON CONFLICT (name) DO NOTHING", cancel, ("hub", hub));
            await ExecuteAsync(c, t, "INSERT INTO gateways (id, hub, secret_hash, created_at) VALUES (@id, @hub, @hash, @now)", cancel,
                ("id", id), ("hub", hub), ("hash", secretHash), ("now", DbTime(DateTimeOffset.UtcNow)));
            return 0;
        }, cancel);
    }

    /// <inheritdoc/>
    public Task<bool> RevokeGatewayAsync(string id, CancellationToken cancel = default) => RevokeCredentialAsync("gateways", id, cancel);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<GatewayRecord>> ListGatewaysAsync(CancellationToken cancel = default)
    {
        await using DbConnection c = await OpenAsync(cancel);
        await using DbCommand cmd = Command(c, null, "SELECT id, hub, created_at, revoked_at FROM gateways ORDER BY id");
        await using DbDataReader r = await cmd.ExecuteReaderAsync(cancel);
        var list = new List<GatewayRecord>();
        while (await r.ReadAsync(cancel))
        {
            list.Add(new GatewayRecord(r.GetString(0), r.GetString(1), ReadTime(r, 2), r.IsDBNull(3) ? null : ReadTime(r, 3)));
        }

        return list;
    }

    /// <inheritdoc/>
    public async Task<GatewayIdentity?> FindGatewayBySecretHashAsync(string secretHash, CancellationToken cancel = default)
    {
        await using DbConnection c = await OpenAsync(cancel);
        await using DbCommand cmd = Command(c, null, "SELECT id, hub FROM gateways WHERE secret_hash = @h AND revoked_at IS NULL", ("h", secretHash));
        await using DbDataReader r = await cmd.ExecuteReaderAsync(cancel);
        return await r.ReadAsync(cancel) ? new GatewayIdentity(r.GetString(0), r.GetString(1)) : null;
    }

    /// <inheritdoc/>
    public async Task AddReaderAsync(string id, string name, string secretHash, CancellationToken cancel = default)
    {
        await WriteAsync(async (c, t) =>
        {
            if (await ScalarAsync(c, t, "SELECT count(*) FROM readers WHERE id = @id", cancel, ("id", id)) > 0)
            {
                throw new RegistryException($"reader '{id}' already exists (revoked readers keep their id; choose another)");
            }

            await ExecuteAsync(c, t, "INSERT INTO readers (id, name, secret_hash, created_at) VALUES (@id, @name, @hash, @now)", cancel,
                ("id", id), ("name", name), ("hash", secretHash), ("now", DbTime(DateTimeOffset.UtcNow)));
            return 0;
        }, cancel);
    }

    /// <inheritdoc/>
    public Task<bool> RevokeReaderAsync(string id, CancellationToken cancel = default) => RevokeCredentialAsync("readers", id, cancel);

    /// <inheritdoc/>
    public async Task<string?> FindReaderBySecretHashAsync(string secretHash, CancellationToken cancel = default)
    {
        await using DbConnection c = await OpenAsync(cancel);
        return await StringAsync(c, null, "SELECT id FROM readers WHERE secret_hash = @h AND revoked_at IS NULL", cancel, ("h", secretHash));
    }

    /// <inheritdoc/>
    public async Task AddPatientAsync(string nhsNumber, string name, CancellationToken cancel = default)
    {
        await WriteAsync(async (c, t) =>
        {
            if (await ScalarAsync(c, t, "SELECT count(*) FROM patients WHERE nhs_number = @n", cancel, ("n", nhsNumber)) > 0)
            {
                throw new RegistryException($"patient {nhsNumber} is already registered");
            }

            await ExecuteAsync(c, t, "INSERT INTO patients (nhs_number, name, created_at) VALUES (@n, @name, @now)", cancel,
                ("n", nhsNumber), ("name", name), ("now", DbTime(DateTimeOffset.UtcNow)));
            return 0;
        }, cancel);
    }

    /// <inheritdoc/>
    public async Task<PatientRecord?> FindPatientAsync(string nhsNumber, CancellationToken cancel = default)
    {
        await using DbConnection c = await OpenAsync(cancel);
        await using DbCommand cmd = Command(c, null, "SELECT nhs_number, name FROM patients WHERE nhs_number = @n", ("n", nhsNumber));
        await using DbDataReader r = await cmd.ExecuteReaderAsync(cancel);
        return await r.ReadAsync(cancel) ? new PatientRecord(r.GetString(0), r.GetString(1)) : null;
    }

    /// <inheritdoc/>
    public async Task<AssignResult> AssignUnitAsync(string unitId, string nhsNumber, DateTimeOffset from, string? hub, CancellationToken cancel = default)
    {
        return await WriteAsync(async (c, t) =>
        {
            if (await ScalarAsync(c, t, "SELECT count(*) FROM patients WHERE nhs_number = @n", cancel, ("n", nhsNumber)) == 0)
            {
                throw new RegistryException($"patient {nhsNumber} is not registered (patients add first)");
            }

            string? unitHub = await StringAsync(c, t, "SELECT hub FROM units WHERE unit_id = @u", cancel, ("u", unitId));
            if (unitHub == null)
            {
                if (hub == null)
                {
                    throw new RegistryException($"unit {unitId} is new: give its hub with --hub");
                }

                await ExecuteAsync(c, t, "INSERT INTO hubs (name) VALUES (@hub) ON CONFLICT (name) DO NOTHING", cancel, ("hub", hub));
                await ExecuteAsync(c, t, "INSERT INTO units (unit_id, hub) VALUES (@u, @hub)", cancel, ("u", unitId), ("hub", hub));
                unitHub = hub;
            }
            else if (hub != null && hub != unitHub)
            {
                throw new RegistryException($"unit {unitId} belongs to hub {unitHub}, not {hub}");
            }

            // Periods of one unit never overlap: a reading then has at most one patient.
            await using (DbCommand later = Command(c, t,
                "SELECT count(*) FROM unit_assignments WHERE unit_id = @u AND (valid_from >= @from OR (valid_to IS NOT NULL AND valid_to > @from))",
                ("u", unitId), ("from", DbTime(from))))
            {
                if (Convert.ToInt64(await later.ExecuteScalarAsync(cancel), CultureInfo.InvariantCulture) > 0)
                {
                    throw new RegistryException($"unit {unitId} has an assignment starting or ending after {from:O}; assignments cannot overlap or be backdated");
                }
            }

            string? closedPatient = null;
            long? openId = null;
            await using (DbCommand open = Command(c, t, "SELECT id, nhs_number FROM unit_assignments WHERE unit_id = @u AND valid_to IS NULL", ("u", unitId)))
            await using (DbDataReader r = await open.ExecuteReaderAsync(cancel))
            {
                if (await r.ReadAsync(cancel))
                {
                    openId = Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture);
                    closedPatient = r.GetString(1);
                }
            }

            if (openId.HasValue)
            {
                long moved = await ScalarAsync(c, t, "SELECT count(*) FROM readings WHERE assignment_id = @a AND attribution_time >= @from", cancel,
                    ("a", openId.Value), ("from", DbTime(from)));
                if (moved > 0)
                {
                    throw new RegistryException($"{moved} reading(s) at or after {from:O} are already attributed to patient {closedPatient}; choose a later --from");
                }

                long movedAlerts = await ScalarAsync(c, t, "SELECT count(*) FROM alerts WHERE assignment_id = @a AND first_breach_at >= @from", cancel,
                    ("a", openId.Value), ("from", DbTime(from)));
                if (movedAlerts > 0)
                {
                    throw new RegistryException($"{movedAlerts} alert revision(s) first breached at or after {from:O} are already attributed to patient {closedPatient}; choose a later --from");
                }

                await ExecuteAsync(c, t, "UPDATE unit_assignments SET valid_to = @from WHERE id = @a", cancel, ("a", openId.Value), ("from", DbTime(from)));
            }

            long assignmentId = await ScalarAsync(c, t,
                "INSERT INTO unit_assignments (unit_id, nhs_number, valid_from, valid_to) VALUES (@u, @n, @from, NULL) RETURNING id", cancel,
                ("u", unitId), ("n", nhsNumber), ("from", DbTime(from)));

            // Only readings a gateway of the unit's own hub sent: another hub's gateway never attributes to this patient.
            // Another user's weights on a shared scale stay unassigned (flags are a comma-joined list of known words).
            int reattributed = await ExecuteAsync(c, t,
                "UPDATE readings SET patient_nhs = @n, assignment_id = @a WHERE unit_id = @u AND patient_nhs IS NULL AND hub = @hub AND attribution_time >= @from " +
                "AND (',' || flags || ',') NOT LIKE @otherUser",
                cancel, ("n", nhsNumber), ("a", assignmentId), ("u", unitId), ("hub", unitHub), ("from", DbTime(from)),
                ("otherUser", "%," + BatchReading.OtherUserFlag + ",%"));
            // Alerts follow their unit's readings: attributed by the first breach, only from the unit's own hub.
            int reattributedAlerts = await ExecuteAsync(c, t,
                "UPDATE alerts SET patient_nhs = @n, assignment_id = @a WHERE unit_id = @u AND patient_nhs IS NULL AND hub = @hub AND first_breach_at >= @from",
                cancel, ("n", nhsNumber), ("a", assignmentId), ("u", unitId), ("hub", unitHub), ("from", DbTime(from)));
            return new AssignResult(assignmentId, closedPatient, reattributed, reattributedAlerts);
        }, cancel);
    }

    /// <summary>Marks the credential <paramref name="id"/> of <paramref name="table"/> (gateways or readers) revoked; false when unknown.</summary>
    private async Task<bool> RevokeCredentialAsync(string table, string id, CancellationToken cancel)
    {
        return await WriteAsync(async (c, t) =>
        {
            if (await ScalarAsync(c, t, $"SELECT count(*) FROM {table} WHERE id = @id", cancel, ("id", id)) == 0)
            {
                return false;
            }

            await ExecuteAsync(c, t, $"UPDATE {table} SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL", cancel,
                ("id", id), ("now", DbTime(DateTimeOffset.UtcNow)));
            return true;
        }, cancel);
    }
}
