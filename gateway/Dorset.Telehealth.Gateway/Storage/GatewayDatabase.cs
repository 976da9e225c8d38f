using System;
using System.IO;
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
        string? dir = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;");
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
                CREATE INDEX IF NOT EXISTS ix_readings_unforwarded ON readings(id) WHERE forwarded_utc IS NULL;
                CREATE TABLE IF NOT EXISTS quarantine (
                    id INTEGER PRIMARY KEY,
                    unit_id TEXT NOT NULL,
                    topic TEXT NOT NULL,
                    payload BLOB NOT NULL,
                    reason TEXT NOT NULL,
                    received_utc TEXT NOT NULL
                );
                CREATE TABLE IF NOT EXISTS gateway_state (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                );
                """);
            _schemaReady = true;
        }
    }
}
