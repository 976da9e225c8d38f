using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using NpgsqlTypes;

namespace Dorset.Telehealth.Cloud.Storage;

/// <summary>
/// The production store. Stateless replicas share it: the unique reading key decides, inside PostgreSQL, which of
/// two concurrent inserts of one reading wins. Batches go in by binary COPY into a transaction-local staging table,
/// then one INSERT ... SELECT ... ON CONFLICT DO NOTHING (issue 5 §2).
/// </summary>
public sealed class PostgresCloudStore : SqlCloudStore, IAsyncDisposable
{
    // pg_advisory_xact_lock key for schema creation: any constant shared by every replica.
    private const long SchemaLockKey = 0x446F72736574; // "Dorset"

    private static readonly string StagingDdl =
        "CREATE TEMP TABLE IF NOT EXISTS readings_staging (reading_key text, content_hash text, gateway_id text, hub text, unit_id text, " +
        "outbox_sequence bigint, device_address text, device_slot integer, device_kind text, device_sequence bigint, kind text, " +
        "values_json jsonb, sample_type text, sample_location text, flags text, device_time text, received_at timestamptz, " +
        "clock_synchronised boolean, gateway_received_at timestamptz, gateway_note text, attribution_time timestamptz, " +
        "effective_time timestamptz, effective_source text, patient_nhs text, assignment_id bigint, has_pulse boolean, " +
        "stored_at timestamptz, glucose_context text, fhir_id text) ON COMMIT DELETE ROWS";

    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Connects with <paramref name="connectionString"/> (Npgsql syntax).</summary>
    public PostgresCloudStore(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(SessionConnectionString(connectionString));
    }

    /// <summary>
    /// The connection string the store's sessions use. No Reset On Close: the session-local staging table then survives
    /// on each pooled connection, so a batch costs no DDL (the store changes no other session state, so skipping DISCARD
    /// ALL leaks nothing between uses). And synchronous_commit on, whatever the server's default: the gateway marks a
    /// reading forwarded, and never sends it again, once the cloud answers, so a commit must be on disk before the
    /// answer. A server set to synchronous_commit=off acknowledged commits that a crash of PostgreSQL then lost (the
    /// chaos run, issue 14, lost 220 readings so).
    /// </summary>
    internal static string SessionConnectionString(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true };
        builder.Options = ((builder.Options ?? string.Empty) + " -c synchronous_commit=on").Trim();
        return builder.ConnectionString;
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<string> SchemaStatements { get; } = new[]
    {
        "CREATE TABLE IF NOT EXISTS hubs (name text PRIMARY KEY)",
        "CREATE TABLE IF NOT EXISTS gateways (id text PRIMARY KEY, hub text NOT NULL REFERENCES hubs(name), secret_hash text NOT NULL UNIQUE, created_at timestamptz NOT NULL, revoked_at timestamptz)",
        "CREATE TABLE IF NOT EXISTS readers (id text PRIMARY KEY, name text NOT NULL, secret_hash text NOT NULL UNIQUE, created_at timestamptz NOT NULL, revoked_at timestamptz)",
        "CREATE TABLE IF NOT EXISTS patients (nhs_number text PRIMARY KEY CHECK (nhs_number ~ '^[0-9]{10}$'), name text NOT NULL, created_at timestamptz NOT NULL)",
        "CREATE TABLE IF NOT EXISTS units (unit_id text PRIMARY KEY, hub text NOT NULL REFERENCES hubs(name))",
        "CREATE TABLE IF NOT EXISTS unit_assignments (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, unit_id text NOT NULL REFERENCES units(unit_id), nhs_number text NOT NULL REFERENCES patients(nhs_number), valid_from timestamptz NOT NULL, valid_to timestamptz, CHECK (valid_to IS NULL OR valid_to > valid_from))",
        "CREATE INDEX IF NOT EXISTS unit_assignments_unit ON unit_assignments (unit_id, valid_from)",
        "CREATE TABLE IF NOT EXISTS readings (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, reading_key text NOT NULL UNIQUE, content_hash text NOT NULL, " +
            "gateway_id text NOT NULL, hub text NOT NULL, unit_id text NOT NULL, outbox_sequence bigint NOT NULL, device_address text NOT NULL, " +
            "device_slot integer NOT NULL, device_kind text NOT NULL, device_sequence bigint, kind text NOT NULL, values_json jsonb NOT NULL, " +
            "sample_type text, sample_location text, flags text NOT NULL, device_time text, received_at timestamptz, clock_synchronised boolean NOT NULL, " +
            "gateway_received_at timestamptz NOT NULL, gateway_note text, attribution_time timestamptz NOT NULL, effective_time timestamptz NOT NULL, " +
            "effective_source text NOT NULL, patient_nhs text REFERENCES patients(nhs_number), assignment_id bigint REFERENCES unit_assignments(id), " +
            "has_pulse boolean NOT NULL, stored_at timestamptz NOT NULL, glucose_context text, fhir_id text)",
        "CREATE INDEX IF NOT EXISTS readings_patient ON readings (patient_nhs, id)",
        "CREATE INDEX IF NOT EXISTS readings_unit ON readings (unit_id, attribution_time)",
        "CREATE INDEX IF NOT EXISTS readings_device ON readings (device_address, id)",
        "CREATE TABLE IF NOT EXISTS alerts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, alert_id text NOT NULL, revision integer NOT NULL CHECK (revision > 0), " +
            "content_hash text NOT NULL, gateway_id text NOT NULL, hub text NOT NULL, unit_id text NOT NULL, rule_id text NOT NULL, level text NOT NULL, " +
            "state text NOT NULL, is_score boolean NOT NULL, first_breach_at timestamptz NOT NULL, last_breach_at timestamptz NOT NULL, alert_json text NOT NULL, " +
            "patient_nhs text REFERENCES patients(nhs_number), assignment_id bigint REFERENCES unit_assignments(id), stored_at timestamptz NOT NULL, " +
            "UNIQUE (alert_id, revision))",
        "CREATE INDEX IF NOT EXISTS alerts_patient ON alerts (patient_nhs, id)",
        "CREATE INDEX IF NOT EXISTS alerts_unit ON alerts (unit_id, first_breach_at)",
        "CREATE TABLE IF NOT EXISTS smart_clients (id text PRIMARY KEY, name text NOT NULL, jwks text NOT NULL, scopes text NOT NULL, created_at timestamptz NOT NULL, revoked_at timestamptz)",
        "CREATE TABLE IF NOT EXISTS smart_assertions (client_id text NOT NULL REFERENCES smart_clients(id), jti text NOT NULL, expires_at timestamptz NOT NULL, PRIMARY KEY (client_id, jti))",
        "CREATE INDEX IF NOT EXISTS smart_assertions_expiry ON smart_assertions (expires_at)",
        "CREATE TABLE IF NOT EXISTS smart_tokens (token_hash text PRIMARY KEY, client_id text NOT NULL REFERENCES smart_clients(id), scopes text NOT NULL, issued_at timestamptz NOT NULL, expires_at timestamptz NOT NULL)",
        "CREATE INDEX IF NOT EXISTS smart_tokens_expiry ON smart_tokens (expires_at)",
        "CREATE TABLE IF NOT EXISTS audit_events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, recorded timestamptz NOT NULL, agent_kind text NOT NULL, agent_id text, " +
            "interaction text NOT NULL, resource_type text NOT NULL, query text NOT NULL, patient_nhs text, status integer NOT NULL, remote_address text)",
        "CREATE INDEX IF NOT EXISTS audit_events_patient ON audit_events (patient_nhs, id)",
        "CREATE INDEX IF NOT EXISTS audit_events_agent ON audit_events (agent_id, id)",
        "CREATE TABLE IF NOT EXISTS subscriptions (id text PRIMARY KEY, reader_id text NOT NULL, topic text NOT NULL, filter_kind text NOT NULL, " +
            "filter_value text NOT NULL, endpoint text NOT NULL, content text NOT NULL, headers_json text NOT NULL, heartbeat_seconds integer, " +
            "created_at timestamptz NOT NULL, active boolean NOT NULL, events_queued bigint NOT NULL, delivered_up_to bigint NOT NULL, " +
            "failed_attempts integer NOT NULL, next_attempt_at timestamptz, last_error text, last_sent_at timestamptz, fhir_base text NOT NULL, lease_owner text, lease_until timestamptz, CHECK (delivered_up_to <= events_queued))",
        "CREATE INDEX IF NOT EXISTS subscriptions_topic ON subscriptions (topic, active)",
        "CREATE TABLE IF NOT EXISTS subscription_events (subscription_id text NOT NULL REFERENCES subscriptions(id), event_number bigint NOT NULL CHECK (event_number > 0), " +
            "focus_type text NOT NULL, focus_id text NOT NULL, context_id text, occurred_at timestamptz NOT NULL, PRIMARY KEY (subscription_id, event_number))",
    };

    /// <inheritdoc/>
    protected override async Task<DbConnection> OpenAsync(CancellationToken cancel) => await _dataSource.OpenConnectionAsync(cancel);

    /// <inheritdoc/>
    protected override object DbTime(DateTimeOffset time) => time.ToUniversalTime();

    /// <inheritdoc/>
    protected override Task AddColumnIfMissingAsync(DbConnection connection, DbTransaction transaction, string table, string column, CancellationToken cancel) =>
        ExecuteAsync(connection, transaction, $"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} text", cancel);

    /// <inheritdoc/>
    protected override async Task BackfillObservationIdsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancel)
    {
        // gen_random_uuid (core since PostgreSQL 13) draws from pg_strong_random, the server's CSPRNG; without its
        // dashes it has the shape of ObservationIds (122 random bits of the 128). As the column's default it also gives
        // an id to rows that a replica of an older release, which does not know the column, inserts during an upgrade.
        const string RandomId = "replace(gen_random_uuid()::text, '-', '')";
        await ExecuteAsync(connection, transaction, $"ALTER TABLE readings ALTER COLUMN fhir_id SET DEFAULT {RandomId}", cancel);
        await ExecuteAsync(connection, transaction, $"UPDATE readings SET fhir_id = {RandomId} WHERE fhir_id IS NULL", cancel);
    }

    /// <inheritdoc/>
    protected override async Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancel)
    {
        // CREATE TABLE IF NOT EXISTS is not safe against a concurrent CREATE (duplicate pg_type row): replicas queue here.
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({SchemaLockKey})", cancel);
    }

    /// <inheritdoc/>
    protected override async Task<HashSet<string>> InsertNewAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<ReadingRow> rows, CancellationToken cancel)
    {
        var npgsql = (NpgsqlConnection)connection;
        string columns = ReadingColumns;
        // Session-local and emptied at every commit; created once per physical connection.
        await ExecuteAsync(connection, transaction, StagingDdl, cancel);
        await CopyAsync(npgsql, "readings_staging", rows, cancel);

        // ORDER BY key: two replicas inserting overlapping batches take the unique-index locks in the same order, so
        // they wait for each other instead of deadlocking.
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        await using DbCommand cmd = Command(connection, transaction,
            $"INSERT INTO readings ({columns}) SELECT {columns} FROM readings_staging ORDER BY reading_key ON CONFLICT (reading_key) DO NOTHING RETURNING reading_key");
        await using DbDataReader r = await cmd.ExecuteReaderAsync(cancel);
        while (await r.ReadAsync(cancel))
        {
            inserted.Add(r.GetString(0));
        }

        return inserted;
    }

    /// <summary>
    /// The benchmark's baseline: the same rows by binary COPY straight into the readings table, with no validation,
    /// no deduplication and no HTTP. Not used by the service.
    /// </summary>
    internal async Task CopyRawAsync(IReadOnlyList<ReadingRow> rows, CancellationToken cancel = default)
    {
        await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancel);
        await CopyAsync(connection, "readings", rows, cancel);
    }

    /// <summary>Truncates the readings (benchmark only).</summary>
    internal async Task TruncateReadingsAsync(CancellationToken cancel = default)
    {
        await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancel);
        await using var cmd = new NpgsqlCommand("TRUNCATE readings", connection);
        await cmd.ExecuteNonQueryAsync(cancel);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string table, IReadOnlyList<ReadingRow> rows, CancellationToken cancel)
    {
        await using NpgsqlBinaryImporter importer = await connection.BeginBinaryImportAsync(
            $"COPY {table} ({ReadingColumns}) FROM STDIN (FORMAT BINARY)", cancel);
        foreach (ReadingRow row in rows)
        {
            // Typed writes in ReadingColumns order: no boxing or per-value type resolution on the hot path.
            Ingestion.BatchReading r = row.Reading;
            (DateTimeOffset effective, Ingestion.EffectiveTimeSource source) = r.Effective();
            await importer.StartRowAsync(cancel);
            await importer.WriteAsync(r.Key, NpgsqlDbType.Text, cancel);
            await importer.WriteAsync(row.ContentHash, NpgsqlDbType.Text, cancel);
            await importer.WriteAsync(row.Gateway.Id, NpgsqlDbType.Text, cancel);
            await importer.WriteAsync(row.Gateway.Hub, NpgsqlDbType.Text, cancel);
            await importer.WriteAsync(r.UnitId, NpgsqlDbType.Text, cancel);
            await importer.WriteAsync(r.OutboxSequence, NpgsqlDbType.Bigint, cancel);
            await importer.WriteAsync(r.DeviceAddress, NpgsqlDbType.Text, cancel);
            await importer.WriteAsync(r.DeviceSlot, NpgsqlDbType.Integer, cancel);
            await importer.WriteAsync(r.DeviceKind, NpgsqlDbType.Text, cancel);
            await WriteNullableAsync(importer, r.DeviceSequence, NpgsqlDbType.Bigint, cancel);
            await importer.WriteAsync(r.Kind, NpgsqlDbType.Text, cancel);
            await importer.WriteAsync(ValuesJson(r.Values), NpgsqlDbType.Jsonb, cancel);
            await WriteTextAsync(importer, r.SampleType, cancel);
            await WriteTextAsync(importer, r.SampleLocation, cancel);
            await importer.WriteAsync(string.Join(",", r.Flags), NpgsqlDbType.Text, cancel);
            await WriteTextAsync(importer, r.DeviceTime, cancel);
            await WriteNullableAsync(importer, r.ReceivedAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancel);
            await importer.WriteAsync(r.ClockSynchronised, NpgsqlDbType.Boolean, cancel);
            await importer.WriteAsync(r.GatewayReceivedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancel);
            await WriteTextAsync(importer, r.GatewayNote, cancel);
            await importer.WriteAsync(r.AttributionTime.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancel);
            await importer.WriteAsync(effective.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancel);
            await importer.WriteAsync(SourceName(source), NpgsqlDbType.Text, cancel);
            await WriteTextAsync(importer, row.PatientNhs, cancel);
            await WriteNullableAsync(importer, row.AssignmentId, NpgsqlDbType.Bigint, cancel);
            await importer.WriteAsync(HasPulse(r), NpgsqlDbType.Boolean, cancel);
            await importer.WriteAsync(row.StoredAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancel);
            await WriteTextAsync(importer, ContextJson(r.Context), cancel);
            await importer.WriteAsync(row.FhirId, NpgsqlDbType.Text, cancel);
        }

        await importer.CompleteAsync(cancel);
    }

    private static async Task WriteTextAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken cancel)
    {
        if (value == null)
        {
            await importer.WriteNullAsync(cancel);
        }
        else
        {
            await importer.WriteAsync(value, NpgsqlDbType.Text, cancel);
        }
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancel)
        where T : struct
    {
        if (value.HasValue)
        {
            await importer.WriteAsync(value.Value, type, cancel);
        }
        else
        {
            await importer.WriteNullAsync(cancel);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await _dataSource.DisposeAsync();
}
