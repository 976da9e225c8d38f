using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Ingestion;

namespace Dorset.Telehealth.Cloud.Storage;

/// <summary>
/// What SQLite and PostgreSQL share: the registry, attribution and queries are plain SQL that both accept; only the
/// schema types, time representation and the bulk insert differ (the abstract members).
/// </summary>
public abstract partial class SqlCloudStore : ICloudStore
{
    /// <summary>Reading columns in the order every insert and select uses.</summary>
    protected const string ReadingColumns =
        "reading_key, content_hash, gateway_id, hub, unit_id, outbox_sequence, device_address, device_slot, device_kind, " +
        "device_sequence, kind, values_json, sample_type, sample_location, flags, device_time, received_at, " +
        "clock_synchronised, gateway_received_at, gateway_note, attribution_time, effective_time, effective_source, " +
        "patient_nhs, assignment_id, has_pulse, stored_at, glucose_context, fhir_id";

    /// <summary>Opens a connection.</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancel);

    /// <summary>The DDL, idempotent.</summary>
    protected abstract IReadOnlyList<string> SchemaStatements { get; }

    /// <summary>The parameter value of an instant in this database's time column type.</summary>
    protected abstract object DbTime(DateTimeOffset time);

    /// <summary>
    /// Inserts the rows, skipping keys already present (unique constraint), and returns the keys inserted now.
    /// Runs in <paramref name="transaction"/>.
    /// </summary>
    protected abstract Task<HashSet<string>> InsertNewAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<ReadingRow> rows, CancellationToken cancel);

    /// <summary>Adds a text column to a table created before the column existed.</summary>
    protected abstract Task AddColumnIfMissingAsync(DbConnection connection, DbTransaction transaction, string table, string column, CancellationToken cancel);

    /// <summary>Gives every reading stored without an Observation id (by a release before ids were random) one.</summary>
    protected virtual async Task BackfillObservationIdsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancel)
    {
        var rows = new List<long>();
        await using (DbCommand select = Command(connection, transaction, "SELECT id FROM readings WHERE fhir_id IS NULL"))
        await using (DbDataReader r = await select.ExecuteReaderAsync(cancel))
        {
            while (await r.ReadAsync(cancel))
            {
                rows.Add(Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture));
            }
        }

        await using DbCommand update = Command(connection, transaction, "UPDATE readings SET fhir_id = @f WHERE id = @id", ("f", string.Empty), ("id", 0L));
        foreach (long row in rows)
        {
            update.Parameters[0].Value = ObservationIds.New();
            update.Parameters[1].Value = row;
            await update.ExecuteNonQueryAsync(cancel);
        }
    }

    /// <summary>Serialises schema creation across replicas, in <paramref name="transaction"/>.</summary>
    protected virtual Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancel) => Task.CompletedTask;

    /// <summary>Runs a write transaction (SQLite serialises them in-process; PostgreSQL lets them run concurrently).</summary>
    protected virtual async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancel)
    {
        await using DbConnection connection = await OpenAsync(cancel);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancel);
        T result = await work(connection, transaction);
        await transaction.CommitAsync(cancel);
        return result;
    }

    /// <inheritdoc/>
    public async Task EnsureSchemaAsync(CancellationToken cancel = default)
    {
        await WriteAsync(async (c, t) =>
        {
            await LockSchemaAsync(c, t, cancel);
            foreach (string statement in SchemaStatements)
            {
                await ExecuteAsync(c, t, statement, cancel);
            }

            // Frame v2 (issue 12): the meter's glucose context, as the contract's JSON; NULL for readings without one.
            await AddColumnIfMissingAsync(c, t, "readings", "glucose_context", cancel);

            // Issue 13: readings were served under their row number; older rows get a random id once, here.
            await AddColumnIfMissingAsync(c, t, "readings", "fhir_id", cancel);
            await BackfillObservationIdsAsync(c, t, cancel);
            await ExecuteAsync(c, t, "CREATE UNIQUE INDEX IF NOT EXISTS readings_fhir_id ON readings (fhir_id)", cancel);

            return 0;
        }, cancel);
    }

    /// <inheritdoc/>
    public async Task<bool> PingAsync(CancellationToken cancel = default)
    {
        try
        {
            await using DbConnection c = await OpenAsync(cancel);
            await using DbCommand cmd = Command(c, null, "SELECT count(*) FROM gateways");
            await cmd.ExecuteScalarAsync(cancel);
            return true;
        }
        catch (DbException)
        {
            return false;
        }
    }

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

    /// <inheritdoc/>
    public async Task<IngestResult> IngestAsync(GatewayIdentity gateway, IReadOnlyList<BatchReading> readings, CancellationToken cancel = default)
    {
        var rejected = new Dictionary<string, string>(StringComparer.Ordinal);
        var accepted = new HashSet<string>(StringComparer.Ordinal);
        var duplicate = new HashSet<string>(StringComparer.Ordinal);
        int unassigned = 0;
        await WriteAsync(async (c, t) =>
        {
            var units = readings.Select(r => r.UnitId).Distinct(StringComparer.Ordinal).ToList();
            Dictionary<string, string> hubs = await UnitHubsAsync(c, t, units, cancel);
            Dictionary<string, List<(long Id, string Nhs, DateTimeOffset From, DateTimeOffset? To)>> assignments = await AssignmentsAsync(c, t, units, cancel);

            var rows = new List<ReadingRow>(readings.Count);
            DateTimeOffset now = DateTimeOffset.UtcNow;
            foreach (BatchReading reading in readings)
            {
                if (hubs.TryGetValue(reading.UnitId, out string? unitHub) && unitHub != gateway.Hub)
                {
                    rejected[reading.Key] = $"unit-of-another-hub: unit {reading.UnitId} belongs to hub {unitHub}, not {gateway.Hub}";
                    continue;
                }

                // Another household member's weight is kept, unassigned, like a reading of a unit with no patient.
                (long Id, string Nhs)? owner = reading.HasFlag(BatchReading.OtherUserFlag) ? null : OwnerAt(assignments, reading.UnitId, reading.AttributionTime);

                rows.Add(new ReadingRow(reading, reading.ContentHash(), gateway, owner?.Nhs, owner?.Id, now));
            }

            if (rows.Count == 0)
            {
                return 0;
            }

            HashSet<string> inserted = await InsertNewAsync(c, t, rows, cancel);
            var existing = rows.Where(r => !inserted.Contains(r.Reading.Key)).ToList();
            Dictionary<string, string> stored = await StoredHashesAsync(c, t, existing.Select(r => r.Reading.Key).ToList(), cancel);
            foreach (ReadingRow row in rows)
            {
                if (inserted.Contains(row.Reading.Key))
                {
                    accepted.Add(row.Reading.Key);
                    unassigned += row.PatientNhs == null ? 1 : 0;
                }
                else if (stored.TryGetValue(row.Reading.Key, out string? hash) && hash == row.ContentHash)
                {
                    duplicate.Add(row.Reading.Key);
                }
                else
                {
                    rejected[row.Reading.Key] = "key-conflict: a different reading is already stored under this key; the stored one is kept";
                }
            }

            return 0;
        }, cancel);

        var result = new IngestResult(new List<string>(), new List<string>(), new List<Rejection>(), unassigned);
        foreach (BatchReading reading in readings)
        {
            if (accepted.Contains(reading.Key))
            {
                ((List<string>)result.Accepted).Add(reading.Key);
            }
            else if (duplicate.Contains(reading.Key))
            {
                ((List<string>)result.Duplicate).Add(reading.Key);
            }
            else
            {
                ((List<Rejection>)result.Rejected).Add(new Rejection(reading.Key, rejected[reading.Key]));
            }
        }

        return result;
    }

    /// <inheritdoc/>
    public async Task<StoredReading?> GetReadingAsync(string observationId, CancellationToken cancel = default)
    {
        await using DbConnection c = await OpenAsync(cancel);
        await using DbCommand cmd = Command(c, null, $"SELECT id, {ReadingColumns} FROM readings WHERE fhir_id = @f", ("f", observationId));
        await using DbDataReader r = await cmd.ExecuteReaderAsync(cancel);
        return await r.ReadAsync(cancel) ? ReadRow(r) : null;
    }

    /// <inheritdoc/>
    public async Task<ObservationPage> SearchObservationsAsync(ObservationQuery query, CancellationToken cancel = default)
    {
        var parameters = new List<(string, object?)> { ("p", query.PatientNhs) };
        string Branch(int part, IReadOnlyCollection<string>? kinds)
        {
            var where = new StringBuilder("patient_nhs = @p");
            if (part == 1)
            {
                where.Append(" AND has_pulse = @pulse");
            }

            if (kinds != null)
            {
                where.Append(" AND kind IN (");
                int i = 0;
                foreach (string kind in kinds)
                {
                    string name = $"k{part}_{i}";
                    where.Append(i == 0 ? "@" : ", @").Append(name);
                    parameters.Add((name, kind));
                    i++;
                }

                where.Append(')');
            }

            where.Append(DateRange(query, "effective_time"));
            return $"SELECT id, {part} AS part, effective_time AS at FROM readings WHERE {where}";
        }

        var branches = new List<string>();
        if (query.MainKinds == null || query.MainKinds.Count > 0)
        {
            branches.Add(Branch(0, query.MainKinds));
        }

        if (query.PulseKinds == null || query.PulseKinds.Count > 0)
        {
            branches.Add(Branch(1, query.PulseKinds));
            parameters.Add(("pulse", true));
        }

        if (query.EarlyWarningScores)
        {
            branches.Add(EarlyWarningScoreBranch(query));
            parameters.Add(("score", true));
        }

        if (query.From.HasValue)
        {
            parameters.Add(("from", DbTime(query.From.Value)));
        }

        if (query.To.HasValue)
        {
            parameters.Add(("to", DbTime(query.To.Value)));
        }

        if (branches.Count == 0)
        {
            return new ObservationPage(Array.Empty<ObservationHit>(), 0);
        }

        string union = string.Join(" UNION ALL ", branches);
        await using DbConnection c = await OpenAsync(cancel);
        long total = await ScalarAsync(c, null, $"SELECT count(*) FROM ({union}) AS o", cancel, parameters.ToArray());
        var page = new List<(long Id, int Part)>();
        var pageParameters = new List<(string, object?)>(parameters) { ("n", query.Count), ("o", query.Offset) };
        await using (DbCommand cmd = Command(c, null, $"SELECT id, part FROM ({union}) AS o ORDER BY {OrderBy(query.Order)} LIMIT @n OFFSET @o", pageParameters.ToArray()))
        await using (DbDataReader r = await cmd.ExecuteReaderAsync(cancel))
        {
            while (await r.ReadAsync(cancel))
            {
                page.Add((Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture)));
            }
        }

        bool IsScore((long Id, int Part) p) => p.Part == (int)ObservationPart.EarlyWarningScore;
        Dictionary<long, StoredReading> readings = await LoadReadingsAsync(c, page.Where(p => !IsScore(p)).Select(p => p.Id).Distinct().ToList(), cancel);
        Dictionary<long, StoredAlert> alerts = await LoadAlertsAsync(c, page.Where(IsScore).Select(p => p.Id).ToList(), cancel);
        var items = page.Select(p => IsScore(p)
            ? new ObservationHit(null, alerts[p.Id], ObservationPart.EarlyWarningScore)
            : new ObservationHit(readings[p.Id], null, (ObservationPart)p.Part)).ToList();
        return new ObservationPage(items, (int)total);
    }

    /// <summary>
    /// The ORDER BY of an Observation search's union: (id, part) is unique across it, so every order is total and
    /// pages never overlap or skip, even between observations with the same time.
    /// </summary>
    private static string OrderBy(ObservationOrder order) => order switch
    {
        ObservationOrder.DateAscending => "at, id, part",
        ObservationOrder.DateDescending => "at DESC, id DESC, part DESC",
        _ => "id, part",
    };

    /// <summary>The SQL conditions (parameters @from, @to) of the search's date range on <paramref name="column"/>.</summary>
    private static string DateRange(ObservationQuery query, string column)
    {
        string from = !query.From.HasValue ? string.Empty : query.FromInclusive ? $" AND {column} >= @from" : $" AND {column} > @from";
        string to = !query.To.HasValue ? string.Empty : query.ToInclusive ? $" AND {column} <= @to" : $" AND {column} < @to";
        return from + to;
    }

    /// <inheritdoc/>
    public async Task<DeviceRecord?> FindDeviceAsync(string address, CancellationToken cancel = default)
    {
        await using DbConnection c = await OpenAsync(cancel);
        await using DbCommand cmd = Command(c, null,
            "SELECT device_address, device_kind, unit_id, gateway_id, stored_at FROM readings WHERE device_address = @a ORDER BY id DESC LIMIT 1", ("a", address));
        await using DbDataReader r = await cmd.ExecuteReaderAsync(cancel);
        return await r.ReadAsync(cancel) ? new DeviceRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), ReadTime(r, 4)) : null;
    }

    /// <inheritdoc/>
    public async Task<(long Total, long Unassigned)> CountReadingsAsync(CancellationToken cancel = default)
    {
        await using DbConnection c = await OpenAsync(cancel);
        long total = await ScalarAsync(c, null, "SELECT count(*) FROM readings", cancel);
        long unassigned = await ScalarAsync(c, null, "SELECT count(*) FROM readings WHERE patient_nhs IS NULL", cancel);
        return (total, unassigned);
    }

    /// <summary>The column values of a row, in <see cref="ReadingColumns"/> order.</summary>
    protected object?[] ColumnValues(ReadingRow row)
    {
        BatchReading r = row.Reading;
        (DateTimeOffset effective, EffectiveTimeSource source) = r.Effective();
        return new object?[]
        {
            r.Key, row.ContentHash, row.Gateway.Id, row.Gateway.Hub, r.UnitId, r.OutboxSequence, r.DeviceAddress, r.DeviceSlot,
            r.DeviceKind, r.DeviceSequence, r.Kind, ValuesJson(r.Values), r.SampleType, r.SampleLocation, string.Join(",", r.Flags),
            r.DeviceTime, r.ReceivedAt.HasValue ? DbTime(r.ReceivedAt.Value) : null, r.ClockSynchronised, DbTime(r.GatewayReceivedAt),
            r.GatewayNote, DbTime(r.AttributionTime), DbTime(effective), SourceName(source), row.PatientNhs, row.AssignmentId,
            HasPulse(r), DbTime(row.StoredAt), ContextJson(r.Context), row.FhirId,
        };
    }

    /// <summary>True when the reading carries a pulse rate (served as its own Observation).</summary>
    protected static bool HasPulse(BatchReading reading)
    {
        foreach (ReadingQuantity v in reading.Values)
        {
            if (v.Name == "pulse")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The stored name of an effective-time source.</summary>
    public static string SourceName(EffectiveTimeSource source) => source switch
    {
        EffectiveTimeSource.Device => "device",
        EffectiveTimeSource.UnitReceipt => "unit-receipt",
        _ => "gateway-receipt",
    };

    /// <summary>A command with named parameters (both providers accept @name).</summary>
    protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        DbCommand cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = transaction;
        foreach ((string name, object? value) in parameters)
        {
            DbParameter p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }

        return cmd;
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

    /// <summary>Executes a statement and returns the affected row count.</summary>
    protected static async Task<int> ExecuteAsync(DbConnection c, DbTransaction? t, string sql, CancellationToken cancel, params (string, object?)[] parameters)
    {
        await using DbCommand cmd = Command(c, t, sql, parameters);
        return await cmd.ExecuteNonQueryAsync(cancel);
    }

    private static async Task<long> ScalarAsync(DbConnection c, DbTransaction? t, string sql, CancellationToken cancel, params (string, object?)[] parameters)
    {
        await using DbCommand cmd = Command(c, t, sql, parameters);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(cancel), CultureInfo.InvariantCulture);
    }

    private static async Task<string?> StringAsync(DbConnection c, DbTransaction? t, string sql, CancellationToken cancel, params (string, object?)[] parameters)
    {
        await using DbCommand cmd = Command(c, t, sql, parameters);
        object? value = await cmd.ExecuteScalarAsync(cancel);
        return value is string s ? s : null;
    }

    private static (string Sql, (string, object?)[] Parameters) InList<T>(string column, IReadOnlyList<T> values)
    {
        var sql = new StringBuilder(column).Append(" IN (");
        var parameters = new (string, object?)[values.Count];
        for (int i = 0; i < values.Count; i++)
        {
            sql.Append(i == 0 ? "@v" : ", @v").Append(i.ToString(CultureInfo.InvariantCulture));
            parameters[i] = ("v" + i.ToString(CultureInfo.InvariantCulture), values[i]);
        }

        return (sql.Append(')').ToString(), parameters);
    }

    private static async Task<Dictionary<string, string>> UnitHubsAsync(DbConnection c, DbTransaction t, IReadOnlyList<string> units, CancellationToken cancel)
    {
        var (inSql, parameters) = InList("unit_id", units);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        await using DbCommand cmd = Command(c, t, $"SELECT unit_id, hub FROM units WHERE {inSql}", parameters);
        await using DbDataReader r = await cmd.ExecuteReaderAsync(cancel);
        while (await r.ReadAsync(cancel))
        {
            result[r.GetString(0)] = r.GetString(1);
        }

        return result;
    }

    private async Task<Dictionary<string, List<(long Id, string Nhs, DateTimeOffset From, DateTimeOffset? To)>>> AssignmentsAsync(
        DbConnection c, DbTransaction t, IReadOnlyList<string> units, CancellationToken cancel)
    {
        var (inSql, parameters) = InList("unit_id", units);
        var result = new Dictionary<string, List<(long Id, string Nhs, DateTimeOffset From, DateTimeOffset? To)>>(StringComparer.Ordinal);
        await using DbCommand cmd = Command(c, t, $"SELECT unit_id, id, nhs_number, valid_from, valid_to FROM unit_assignments WHERE {inSql}", parameters);
        await using DbDataReader r = await cmd.ExecuteReaderAsync(cancel);
        while (await r.ReadAsync(cancel))
        {
            string unit = r.GetString(0);
            if (!result.TryGetValue(unit, out var list))
            {
                result[unit] = list = new List<(long Id, string Nhs, DateTimeOffset From, DateTimeOffset? To)>();
            }

            list.Add((Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture), r.GetString(2), ReadTime(r, 3), r.IsDBNull(4) ? null : ReadTime(r, 4)));
        }

        return result;
    }

    /// <summary>The assignment (and its patient) of <paramref name="unitId"/> that covers <paramref name="at"/>, or null.</summary>
    private static (long Id, string Nhs)? OwnerAt(Dictionary<string, List<(long Id, string Nhs, DateTimeOffset From, DateTimeOffset? To)>> assignments, string unitId, DateTimeOffset at)
    {
        if (assignments.TryGetValue(unitId, out var periods))
        {
            foreach (var p in periods)
            {
                if (at >= p.From && (!p.To.HasValue || at < p.To.Value))
                {
                    return (p.Id, p.Nhs);
                }
            }
        }

        return null;
    }

    private static async Task<Dictionary<string, string>> StoredHashesAsync(DbConnection c, DbTransaction t, IReadOnlyList<string> keys, CancellationToken cancel)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return result;
        }

        var (inSql, parameters) = InList("reading_key", keys);
        await using DbCommand cmd = Command(c, t, $"SELECT reading_key, content_hash FROM readings WHERE {inSql}", parameters);
        await using DbDataReader r = await cmd.ExecuteReaderAsync(cancel);
        while (await r.ReadAsync(cancel))
        {
            result[r.GetString(0)] = r.GetString(1);
        }

        return result;
    }

    private Task<Dictionary<long, StoredReading>> LoadReadingsAsync(DbConnection c, IReadOnlyList<long> ids, CancellationToken cancel) =>
        LoadByIdAsync(c, $"SELECT id, {ReadingColumns} FROM readings", ids, ReadRow, cancel);

    /// <summary>The rows of <paramref name="select"/> whose id is in <paramref name="ids"/>, read by <paramref name="read"/>, by id (column 0).</summary>
    private static async Task<Dictionary<long, T>> LoadByIdAsync<T>(DbConnection c, string select, IReadOnlyList<long> ids, Func<DbDataReader, T> read, CancellationToken cancel)
    {
        var result = new Dictionary<long, T>();
        if (ids.Count == 0)
        {
            return result;
        }

        var (inSql, parameters) = InList("id", ids);
        await using DbCommand cmd = Command(c, null, $"{select} WHERE {inSql}", parameters);
        await using DbDataReader r = await cmd.ExecuteReaderAsync(cancel);
        while (await r.ReadAsync(cancel))
        {
            result[Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture)] = read(r);
        }

        return result;
    }

    private StoredReading ReadRow(DbDataReader r)
    {
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        long Long(int i) => Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);
        string flags = r.GetString(15);
        var reading = new BatchReading
        {
            Key = r.GetString(1),
            UnitId = r.GetString(5),
            OutboxSequence = Long(6),
            DeviceAddress = r.GetString(7),
            DeviceSlot = (int)Long(8),
            DeviceKind = r.GetString(9),
            DeviceSequence = r.IsDBNull(10) ? null : Long(10),
            Kind = r.GetString(11),
            Values = JsonSerializer.Deserialize<List<ReadingQuantity>>(r.GetString(12), s_json)!,
            SampleType = Text(13),
            SampleLocation = Text(14),
            Flags = flags.Length == 0 ? Array.Empty<string>() : flags.Split(','),
            DeviceTime = Text(16),
            ReceivedAt = r.IsDBNull(17) ? null : ReadTime(r, 17),
            ClockSynchronised = Convert.ToBoolean(r.GetValue(18), CultureInfo.InvariantCulture),
            GatewayReceivedAt = ReadTime(r, 19),
            GatewayNote = Text(20),
            Context = r.IsDBNull(28) ? null : JsonSerializer.Deserialize<ReadingGlucoseContext>(r.GetString(28), s_json),
        };
        EffectiveTimeSource source = Text(23) switch
        {
            "device" => EffectiveTimeSource.Device,
            "unit-receipt" => EffectiveTimeSource.UnitReceipt,
            _ => EffectiveTimeSource.GatewayReceipt,
        };
        return new StoredReading(Long(0), r.GetString(29), reading, r.GetString(3), r.GetString(4), Text(24), ReadTime(r, 22), source, ReadTime(r, 27));
    }

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>The glucose context as the JSON stored in glucose_context, or null.</summary>
    protected static string? ContextJson(ReadingGlucoseContext? context) => context == null ? null : JsonSerializer.Serialize(context, s_json);

    /// <summary>The values as the JSON array stored in values_json.</summary>
    protected static string ValuesJson(IReadOnlyList<ReadingQuantity> values) => JsonSerializer.Serialize(values, s_json);

    /// <summary>Reads an instant from either representation (PostgreSQL timestamptz, SQLite ISO text).</summary>
    protected static DateTimeOffset ReadTime(DbDataReader r, int ordinal)
    {
        object value = r.GetValue(ordinal);
        return value switch
        {
            DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
            DateTimeOffset dto => dto.ToUniversalTime(),
            string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            _ => throw new InvalidOperationException($"unexpected time value {value.GetType()}"),
        };
    }

    /// <summary>A reading ready to store: the validated reading plus what ingestion decided.</summary>
    protected internal sealed record ReadingRow(BatchReading Reading, string ContentHash, GatewayIdentity Gateway, string? PatientNhs, long? AssignmentId, DateTimeOffset StoredAt)
    {
        /// <summary>The Observation id it will be served under, drawn when the row is made.</summary>
        public string FhirId { get; } = ObservationIds.New();
    }
}
