using System;
using System.IO;
using Dorset.Telehealth.Hosting;
using Microsoft.Data.Sqlite;

namespace Dorset.Telehealth.Gateway.Storage;

/// <summary>
/// The gateway's SQLite file: opens connections with the durability settings every writer relies on and creates the
/// schema. The service and the CLI verbs open the same file at the same time; WAL lets them, and the busy timeout
/// makes a CLI write wait for the group-commit writer instead of failing.
/// </summary>
public sealed class GatewayDatabase
{
    private static readonly object s_schemaGate = new();
    private readonly string _connectionString;
    private bool _schemaReady;

    /// <summary>Creates the handle; nothing is opened until <see cref="Open"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public GatewayDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>
    /// An open connection with WAL and synchronous=FULL: in WAL mode FULL fsyncs the log on every commit, so a commit
    /// that returned survives a power cut (sqlite.org/pragma.html#pragma_synchronous). NORMAL would not.
    /// </summary>
    public SqliteConnection Open()
    {
        if (!_schemaReady)
        {
            PrivateDatabaseFile.Prepare(Path);
        }

        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // wal_autocheckpoint: SQLite's default (1,000 pages) checkpoints after nearly every group commit at hundreds of
        // units, because one commit dirties a leaf page per unit in each unit-keyed index; every commit's pages were then
        // written twice (WAL, then database file). At 10,000 pages (40 MiB of WAL) a page rewritten by many commits is
        // copied back once: disk writes per reading fell from 26 to 17 KB at 500 units (benchmarks `ingest`, issue 15).
        // Durability is unchanged: a commit is durable once its WAL frames are fsynced, whenever the checkpoint runs.
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint=10000;");
        EnsureSchema(connection);
        return connection;
    }

    /// <summary>Runs statements that return nothing.</summary>
    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private void EnsureSchema(SqliteConnection connection)
    {
        if (_schemaReady)
        {
            return;
        }

        lock (s_schemaGate)
        {
            if (_schemaReady)
            {
                return;
            }

            // Dedupe lives in unique indexes, so a re-sent reading can never be stored twice even across restarts:
            // (unit, outbox sequence) for a unit's re-send, (unit, device slot, device sequence) for a device's records
            // fetched again (architecture.md "Home unit": a lower sequence makes the unit fetch all).
            Execute(connection, """
                CREATE TABLE IF NOT EXISTS units (
                    unit_id TEXT PRIMARY KEY,
                    patient_ref TEXT,
                    secret_hash TEXT NOT NULL,
                    created_utc TEXT NOT NULL,
                    revoked_utc TEXT,
                    config_json TEXT NOT NULL DEFAULT '{"devices":[],"settings":{}}',
                    online INTEGER NOT NULL DEFAULT 0,
                    last_seen_utc TEXT,
                    firmware TEXT,
                    battery_percent INTEGER,
                    rssi_dbm INTEGER,
                    outbox_depth INTEGER,
                    dropped_count INTEGER,
                    clock_synced INTEGER,
                    status_json TEXT
                );
                CREATE TABLE IF NOT EXISTS readings (
                    id INTEGER PRIMARY KEY,
                    unit_id TEXT NOT NULL,
                    outbox_seq INTEGER NOT NULL,
                    device_slot INTEGER NOT NULL,
                    device_seq INTEGER,
                    kind TEXT NOT NULL,
                    values_json TEXT NOT NULL,
                    flags_json TEXT NOT NULL DEFAULT '[]',
                    glucose_type TEXT,
                    glucose_location TEXT,
                    device_address TEXT,
                    device_kind TEXT,
                    status_bits INTEGER NOT NULL,
                    device_time TEXT,
                    unit_receipt_time TEXT,
                    clock_synced INTEGER NOT NULL,
                    received_utc TEXT NOT NULL,
                    implausible TEXT,
                    forwarded_utc TEXT,
                    forward_rejection TEXT
                );
                CREATE UNIQUE INDEX IF NOT EXISTS ux_readings_outbox ON readings(unit_id, outbox_seq);
                -- A record is its device sequence AND its device time: a meter that was reset reuses sequence numbers
                    -- for new records, which must not be dropped as repeats (HAZARD-LOG). Replaces the older index.
                DROP INDEX IF EXISTS ux_readings_device;
                CREATE UNIQUE INDEX IF NOT EXISTS ux_readings_device_record ON readings(unit_id, device_slot, device_seq, IFNULL(device_time, ''))
                    WHERE device_seq IS NOT NULL;
                -- A push device (oximeter, scale, cuff) numbers no records: its measurement re-offered after a unit crash
                -- comes under a new outbox sequence, and is known by device, kind, device time and values. Not unique:
                -- without a device time two equal values may be two readings, and the writer compares the values.
                CREATE INDEX IF NOT EXISTS ix_readings_push_record ON readings(unit_id, device_slot, kind, device_time)
                    WHERE device_seq IS NULL AND device_time IS NOT NULL;
                CREATE INDEX IF NOT EXISTS ix_readings_unforwarded ON readings(id) WHERE forwarded_utc IS NULL;
                -- The forwarder asks for held readings (no device address yet) before every batch: without this index
                -- that walked the whole backlog each time, half a core while a week's backlog drained. Held readings
                -- are rare, so ingest almost never writes to it.
                CREATE INDEX IF NOT EXISTS ix_readings_held ON readings(unit_id, device_slot) WHERE forwarded_utc IS NULL AND device_address IS NULL;
                CREATE TABLE IF NOT EXISTS quarantine (
                    id INTEGER PRIMARY KEY,
                    unit_id TEXT NOT NULL,
                    topic TEXT NOT NULL,
                    payload BLOB NOT NULL,
                    reason TEXT NOT NULL,
                    received_utc TEXT NOT NULL
                );
                -- Each unit's row counts its quarantined frames under attention: one index lookup per unit.
                CREATE INDEX IF NOT EXISTS ix_quarantine_unit ON quarantine(unit_id);
                CREATE TABLE IF NOT EXISTS gateway_state (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                );
                """);
            AddColumnIfMissing(connection, "readings", "taken_utc", "TEXT");
            // Frame v2 (issue 12): the meter's glucose context as the cloud contract's JSON, or NULL.
            AddColumnIfMissing(connection, "readings", "glucose_context_json", "TEXT");
            // Alerts (issue 10): one row per episode, its state and its revision; the partial unique index is what
            // makes a storm of breaches update ONE open alert of a rule for a unit, whichever process writes.
            Execute(connection, """
                -- History for the rules that need it (partial NEWS2, weight); no rule reads glucose history.
                DROP INDEX IF EXISTS ix_readings_history;
                CREATE INDEX IF NOT EXISTS ix_readings_history_kinds ON readings(unit_id, kind, taken_utc) WHERE kind IN ('pulse-oximetry', 'blood-pressure', 'weight');
                -- Glucose by time, for the console's patient page (trends, 14-day summary): without it that page reads every
                -- row the unit holds (unforwarded rows are never pruned). Its own partial index, so the rules' lookups above
                -- keep the index they were tuned on; each glucose row pays one index entry for it.
                CREATE INDEX IF NOT EXISTS ix_readings_glucose_taken ON readings(unit_id, taken_utc) WHERE kind = 'glucose';
                CREATE TABLE IF NOT EXISTS alerts (
                    id TEXT PRIMARY KEY,
                    revision INTEGER NOT NULL,
                    rule_id TEXT NOT NULL,
                    rule_version INTEGER NOT NULL,
                    episode_key TEXT NOT NULL,
                    level TEXT NOT NULL,
                    state TEXT NOT NULL,
                    unit_id TEXT NOT NULL,
                    patient_ref TEXT,
                    summary TEXT NOT NULL,
                    first_breach_utc TEXT NOT NULL,
                    last_breach_utc TEXT NOT NULL,
                    breach_count INTEGER NOT NULL,
                    worst_json TEXT,
                    evidence_json TEXT NOT NULL,
                    score_json TEXT,
                    late_minutes INTEGER,
                    raised_utc TEXT NOT NULL,
                    updated_utc TEXT NOT NULL,
                    acknowledged_by TEXT,
                    acknowledged_utc TEXT,
                    acknowledged_note TEXT,
                    resolved_utc TEXT,
                    resolved_reason TEXT,
                    silenced_utc TEXT,
                    silenced_by TEXT,
                    forwarded_revision INTEGER NOT NULL DEFAULT 0
                );
                CREATE UNIQUE INDEX IF NOT EXISTS ux_alerts_open_episode ON alerts(unit_id, rule_id, episode_key) WHERE resolved_utc IS NULL;
                CREATE INDEX IF NOT EXISTS ix_alerts_unforwarded ON alerts(updated_utc) WHERE revision > forwarded_revision;
                CREATE TABLE IF NOT EXISTS patients (
                    patient_ref TEXT PRIMARY KEY,
                    settings_json TEXT NOT NULL,
                    updated_utc TEXT NOT NULL
                );
                CREATE TABLE IF NOT EXISTS users (
                    name TEXT PRIMARY KEY,
                    role TEXT NOT NULL,
                    password_hash TEXT NOT NULL,
                    created_utc TEXT NOT NULL,
                    disabled_utc TEXT,
                    failed_logins INTEGER NOT NULL DEFAULT 0,
                    locked_until_utc TEXT
                );
                CREATE TABLE IF NOT EXISTS audit (
                    id INTEGER PRIMARY KEY,
                    at_utc TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    old_json TEXT,
                    new_json TEXT
                );
                """);
            // The patient list (issue 11): who a reference is, for staff who know patients by name. One NHS number is
            // one person, so two references can never share it.
            AddColumnIfMissing(connection, "patients", "display_name", "TEXT");
            AddColumnIfMissing(connection, "patients", "nhs_number", "TEXT");
            // A session older than its account's last password reset ends: a reset because a password leaked must
            // also shut out whoever is already logged in with it.
            AddColumnIfMissing(connection, "users", "password_changed_utc", "TEXT");
            Execute(connection, """
                CREATE TABLE IF NOT EXISTS console_sessions (
                    key TEXT PRIMARY KEY,
                    user_name TEXT NOT NULL,
                    ticket BLOB NOT NULL,
                    expires_utc TEXT NOT NULL
                );
                """);
            Execute(connection, "CREATE UNIQUE INDEX IF NOT EXISTS ux_patients_nhs_number ON patients(nhs_number) WHERE nhs_number IS NOT NULL;");
            _schemaReady = true;
        }
    }

    private static void AddColumnIfMissing(SqliteConnection connection, string table, string column, string type)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = $column";
        command.Parameters.AddWithValue("$column", column);
        if (System.Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            Execute(connection, $"ALTER TABLE {table} ADD COLUMN {column} {type}");
        }
    }
}
