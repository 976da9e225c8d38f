using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Hosting;
using Microsoft.Data.Sqlite;

namespace Dorset.Telehealth.Cloud.Storage;

/// <summary>
/// The default store: one SQLite file in the data dir (single node, demos). WAL with synchronous=FULL, so an
/// acknowledged batch survives a power cut; writes are serialised in-process and by SQLite's busy timeout against
/// the CLI verbs.
/// </summary>
public sealed class SqliteCloudStore : SqlCloudStore
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>Uses (and creates) cloud.db in <paramref name="dataDirectory"/>.</summary>
    public SqliteCloudStore(string dataDirectory)
    {
        DatabasePath = Path.Combine(dataDirectory, "cloud.db");
        PrivateDatabaseFile.Prepare(DatabasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc/>
    protected override IReadOnlyList<string> SchemaStatements { get; } = new[]
    {
        "CREATE TABLE IF NOT EXISTS hubs (name TEXT PRIMARY KEY)",
        "CREATE TABLE IF NOT EXISTS gateways (id TEXT PRIMARY KEY, hub TEXT NOT NULL REFERENCES hubs(name), secret_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT)",
        "CREATE TABLE IF NOT EXISTS readers (id TEXT PRIMARY KEY, name TEXT NOT NULL, secret_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT)",
        "CREATE TABLE IF NOT EXISTS patients (nhs_number TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS units (unit_id TEXT PRIMARY KEY, hub TEXT NOT NULL REFERENCES hubs(name))",
        "CREATE TABLE IF NOT EXISTS unit_assignments (id INTEGER PRIMARY KEY AUTOINCREMENT, unit_id TEXT NOT NULL REFERENCES units(unit_id), nhs_number TEXT NOT NULL REFERENCES patients(nhs_number), valid_from TEXT NOT NULL, valid_to TEXT)",
        "CREATE INDEX IF NOT EXISTS unit_assignments_unit ON unit_assignments (unit_id, valid_from)",
        "CREATE TABLE IF NOT EXISTS readings (id INTEGER PRIMARY KEY AUTOINCREMENT, reading_key TEXT NOT NULL UNIQUE, content_hash TEXT NOT NULL, " +
            "gateway_id TEXT NOT NULL, hub TEXT NOT NULL, unit_id TEXT NOT NULL, outbox_sequence INTEGER NOT NULL, device_address TEXT NOT NULL, " +
            "device_slot INTEGER NOT NULL, device_kind TEXT NOT NULL, device_sequence INTEGER, kind TEXT NOT NULL, values_json TEXT NOT NULL, " +
            "sample_type TEXT, sample_location TEXT, flags TEXT NOT NULL, device_time TEXT, received_at TEXT, clock_synchronised INTEGER NOT NULL, " +
            "gateway_received_at TEXT NOT NULL, gateway_note TEXT, attribution_time TEXT NOT NULL, effective_time TEXT NOT NULL, " +
            "effective_source TEXT NOT NULL, patient_nhs TEXT REFERENCES patients(nhs_number), assignment_id INTEGER REFERENCES unit_assignments(id), " +
            "has_pulse INTEGER NOT NULL, stored_at TEXT NOT NULL, glucose_context TEXT, fhir_id TEXT)",
        "CREATE INDEX IF NOT EXISTS readings_patient ON readings (patient_nhs, id)",
        "CREATE INDEX IF NOT EXISTS readings_unit ON readings (unit_id, attribution_time)",
        "CREATE INDEX IF NOT EXISTS readings_device ON readings (device_address, id)",
        "CREATE TABLE IF NOT EXISTS alerts (id INTEGER PRIMARY KEY AUTOINCREMENT, alert_id TEXT NOT NULL, revision INTEGER NOT NULL, content_hash TEXT NOT NULL, " +
            "gateway_id TEXT NOT NULL, hub TEXT NOT NULL, unit_id TEXT NOT NULL, rule_id TEXT NOT NULL, level TEXT NOT NULL, state TEXT NOT NULL, " +
            "is_score INTEGER NOT NULL, first_breach_at TEXT NOT NULL, last_breach_at TEXT NOT NULL, alert_json TEXT NOT NULL, " +
            "patient_nhs TEXT REFERENCES patients(nhs_number), assignment_id INTEGER REFERENCES unit_assignments(id), stored_at TEXT NOT NULL, " +
            "UNIQUE (alert_id, revision))",
        "CREATE INDEX IF NOT EXISTS alerts_patient ON alerts (patient_nhs, id)",
        "CREATE INDEX IF NOT EXISTS alerts_unit ON alerts (unit_id, first_breach_at)",
        "CREATE TABLE IF NOT EXISTS smart_clients (id TEXT PRIMARY KEY, name TEXT NOT NULL, jwks TEXT NOT NULL, scopes TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT)",
        "CREATE TABLE IF NOT EXISTS smart_assertions (client_id TEXT NOT NULL REFERENCES smart_clients(id), jti TEXT NOT NULL, expires_at TEXT NOT NULL, PRIMARY KEY (client_id, jti))",
        "CREATE INDEX IF NOT EXISTS smart_assertions_expiry ON smart_assertions (expires_at)",
        "CREATE TABLE IF NOT EXISTS smart_tokens (token_hash TEXT PRIMARY KEY, client_id TEXT NOT NULL REFERENCES smart_clients(id), scopes TEXT NOT NULL, issued_at TEXT NOT NULL, expires_at TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS smart_tokens_expiry ON smart_tokens (expires_at)",
        "CREATE TABLE IF NOT EXISTS audit_events (id INTEGER PRIMARY KEY AUTOINCREMENT, recorded TEXT NOT NULL, agent_kind TEXT NOT NULL, agent_id TEXT, " +
            "interaction TEXT NOT NULL, resource_type TEXT NOT NULL, query TEXT NOT NULL, patient_nhs TEXT, status INTEGER NOT NULL, remote_address TEXT)",
        "CREATE INDEX IF NOT EXISTS audit_events_patient ON audit_events (patient_nhs, id)",
        "CREATE INDEX IF NOT EXISTS audit_events_agent ON audit_events (agent_id, id)",
        "CREATE TABLE IF NOT EXISTS subscriptions (id TEXT PRIMARY KEY, reader_id TEXT NOT NULL, topic TEXT NOT NULL, filter_kind TEXT NOT NULL, " +
            "filter_value TEXT NOT NULL, endpoint TEXT NOT NULL, content TEXT NOT NULL, headers_json TEXT NOT NULL, heartbeat_seconds INTEGER, " +
            "created_at TEXT NOT NULL, active INTEGER NOT NULL, events_queued INTEGER NOT NULL, delivered_up_to INTEGER NOT NULL, " +
            "failed_attempts INTEGER NOT NULL, next_attempt_at TEXT, last_error TEXT, last_sent_at TEXT, fhir_base TEXT NOT NULL, lease_owner TEXT, lease_until TEXT)",
        "CREATE INDEX IF NOT EXISTS subscriptions_topic ON subscriptions (topic, active)",
        "CREATE TABLE IF NOT EXISTS subscription_events (subscription_id TEXT NOT NULL REFERENCES subscriptions(id), event_number INTEGER NOT NULL, " +
            "focus_type TEXT NOT NULL, focus_id TEXT NOT NULL, context_id TEXT, occurred_at TEXT NOT NULL, PRIMARY KEY (subscription_id, event_number))",
    };

    /// <inheritdoc/>
    protected override async Task<DbConnection> OpenAsync(CancellationToken cancel)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancel);
        await using DbCommand pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";
        await pragma.ExecuteNonQueryAsync(cancel);
        return connection;
    }

    /// <inheritdoc/>
    protected override async Task AddColumnIfMissingAsync(DbConnection connection, DbTransaction transaction, string table, string column, CancellationToken cancel)
    {
        // SQLite has no ADD COLUMN IF NOT EXISTS.
        await using DbCommand probe = Command(connection, transaction, $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = @c", ("c", column));
        if (Convert.ToInt64(await probe.ExecuteScalarAsync(cancel), CultureInfo.InvariantCulture) == 0)
        {
            await ExecuteAsync(connection, transaction, $"ALTER TABLE {table} ADD COLUMN {column} TEXT", cancel);
        }
    }

    /// <inheritdoc/>
    protected override object DbTime(DateTimeOffset time)
    {
        // Fixed-width UTC text sorts like the instant, so range filters work on the text column.
        return time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    protected override async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancel)
    {
        await _writer.WaitAsync(cancel);
        try
        {
            await using DbConnection connection = await OpenAsync(cancel);
            // BEGIN IMMEDIATE takes the write lock up front, so a concurrent CLI verb waits instead of failing mid-way.
            await using DbTransaction transaction = ((SqliteConnection)connection).BeginTransaction(deferred: false);
            T result = await work(connection, transaction);
            await transaction.CommitAsync(cancel);
            return result;
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <inheritdoc/>
    protected override async Task<HashSet<string>> InsertNewAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<ReadingRow> rows, CancellationToken cancel)
    {
        var sql = new StringBuilder($"INSERT INTO readings ({ReadingColumns}) VALUES (");
        int columns = ColumnValues(rows[0]).Length;
        for (int i = 0; i < columns; i++)
        {
            sql.Append(i == 0 ? "@c0" : ", @c" + i.ToString(CultureInfo.InvariantCulture));
        }

        sql.Append(") ON CONFLICT (reading_key) DO NOTHING RETURNING reading_key");
        await using var cmd = (SqliteCommand)connection.CreateCommand();
        cmd.Transaction = (SqliteTransaction)transaction;
        cmd.CommandText = sql.ToString();
        for (int i = 0; i < columns; i++)
        {
            cmd.Parameters.Add(new SqliteParameter("@c" + i.ToString(CultureInfo.InvariantCulture), null));
        }

        var inserted = new HashSet<string>(StringComparer.Ordinal);
        foreach (ReadingRow row in rows)
        {
            object?[] values = ColumnValues(row);
            for (int i = 0; i < columns; i++)
            {
                cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
            }

            if (await cmd.ExecuteScalarAsync(cancel) is string key)
            {
                inserted.Add(key);
            }
        }

        return inserted;
    }
}
