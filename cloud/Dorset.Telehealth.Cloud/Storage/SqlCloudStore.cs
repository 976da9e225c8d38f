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
/// schema types, time representation and the bulk insert differ (the abstract members). One partial file per concern:
/// Registry, Ingestion, Queries and Alerts; this one holds the schema and the SQL helpers they share.
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
