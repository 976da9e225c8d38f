using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Ingest;
using Dorset.Telehealth.Protocol.Contract;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Dorset.Telehealth.Gateway.Storage;

/// <summary>What a committed frame amounted to.</summary>
/// <param name="Stored">Readings new to the database.</param>
/// <param name="Duplicates">Readings already there (same unit outbox sequence, same device record, or a push device's same measurement).</param>
/// <param name="Implausible">Stored readings flagged implausible.</param>
/// <param name="Conflicts">Readings whose outbox sequence was already used by a different reading (kept in quarantine).</param>
/// <param name="StoredFlags">Per reading of the frame: true when it was new.</param>
/// <param name="AlertChanges">The alerts the new readings raised, updated or resolved, committed with them.</param>
/// <param name="AlertFailures">Why the rules could not judge a reading (the reading is stored all the same), or empty.</param>
public readonly record struct FrameCommitResult(int Stored, int Duplicates, int Implausible, int Conflicts, IReadOnlyList<bool> StoredFlags,
    IReadOnlyList<AlertChange> AlertChanges, IReadOnlyList<string> AlertFailures);

/// <summary>
/// The one writer of readings and quarantine rows. Publish handlers of many units enqueue concurrently; the loop
/// takes everything waiting, writes it in ONE transaction and completes every waiter only after COMMIT returned, i.e.
/// after the WAL fsync (synchronous=FULL). One fsync then covers a whole group: about 4k rows/s committing each row
/// versus about 100k rows/s in groups of 100 on this hardware (test-infrastructure.md "SQLite").
/// </summary>
public sealed class GroupCommitWriter : IAsyncDisposable
{
    private const int MaxReadingsPerCommit = 2000;

    private readonly GatewayDatabase _database;
    private readonly ILogger _logger;
    // A blocking queue drained by a dedicated thread: with hundreds of units the thread pool's queue is long, and an
    // async writer loop would wait in it behind the very publishes it is meant to acknowledge.
    private readonly BlockingCollection<Work> _queue = new(new ConcurrentQueue<Work>());
    private readonly Thread _thread;
    private long _commits;

    /// <summary>Starts the writer loop.</summary>
    public GroupCommitWriter(GatewayDatabase database, ILogger<GroupCommitWriter> logger)
    {
        _database = database;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = "group-commit" };
        _thread.Start();
    }

    /// <summary>Transactions committed so far (each is one fsync); with <see cref="Diagnostics.GatewayMetrics"/> it shows the grouping.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>
    /// Stores the readings of one frame; completes after they are durable. Faults when the database cannot commit
    /// (disk full, I/O error): the caller must then NOT acknowledge the frame.
    /// </summary>
    public Task<FrameCommitResult> CommitFrameAsync(string unitId, string topic, byte[] payload, IReadOnlyList<IncomingReading> readings,
        IReadOnlyList<string?> implausibleReasons, DateTimeOffset receivedUtc, IReadOnlyList<PairedDevice?>? devices = null)
    {
        var work = new FrameWork(unitId, topic, payload, readings, implausibleReasons, receivedUtc, devices);
        Enqueue(work);
        return work.Completion.Task;
    }

    /// <summary>Keeps an undecodable payload raw with its reason; completes after it is durable.</summary>
    public Task QuarantineAsync(string unitId, string topic, byte[] payload, string reason, DateTimeOffset receivedUtc)
    {
        var work = new QuarantineWork(unitId, topic, payload, reason, receivedUtc);
        Enqueue(work);
        return work.Completion.Task;
    }

    /// <summary>
    /// Marks readings the cloud confirmed as forwarded; completes after that is durable. It goes through this writer,
    /// in a group with the frames waiting, rather than in a transaction of the forwarder's own: two writers on one
    /// SQLite file take turns at the write lock, and the one that waits sleeps in SQLite's busy handler (1, 2, 5 ... 100
    /// ms), so during a backlog drain every mark-forwarded stalled ingest (issue 15 goal 4).
    /// </summary>
    public Task MarkForwardedAsync(IReadOnlyCollection<long> ids, DateTimeOffset at)
    {
        if (ids.Count == 0)
        {
            return Task.CompletedTask;
        }

        var work = new MarkForwardedWork(ids, at);
        Enqueue(work);
        return work.Completion.Task;
    }

    /// <summary>Finishes what is queued, then stops.</summary>
    public ValueTask DisposeAsync()
    {
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Enqueue(Work work)
    {
        try
        {
            _queue.Add(work);
        }
        catch (InvalidOperationException e)
        {
            // CompleteAdding was called (or the queue disposed): the gateway is stopping; no PUBACK, the unit re-sends.
            work.Fail(e);
        }
    }

    private void Run()
    {
        SqliteConnection? connection = null;
        Statements? statements = null;
        var batch = new List<Work>();
        try
        {
            while (_queue.TryTake(out Work? first, Timeout.Infinite))
            {
                batch.Clear();
                batch.Add(first);
                int readings = first.Size;
                while (readings < MaxReadingsPerCommit && _queue.TryTake(out Work? work))
                {
                    batch.Add(work);
                    readings += work.Size;
                }

                try
                {
                    if (connection == null)
                    {
                        connection = _database.Open();
                        statements = new Statements(connection);
                    }

                    using (var transaction = connection.BeginTransaction(deferred: false))
                    {
                        statements!.Bind(transaction);
                        foreach (Work work in batch)
                        {
                            work.Write(statements);
                        }

                        transaction.Commit();
                    }

                    Interlocked.Increment(ref _commits);
                    foreach (Work work in batch)
                    {
                        work.Succeed();
                    }
                }
                catch (Exception e) when (e is SqliteException or InvalidOperationException or System.IO.IOException)
                {
                    _logger.LogError(e, "group commit of {Count} frames failed; none is acknowledged and units will re-send", batch.Count);
                    foreach (Work work in batch)
                    {
                        work.Fail(e);
                    }

                    connection?.Dispose();
                    connection = null;
                    statements = null;
                }
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <summary>
    /// The writer's statements, kept for the life of its connection so SQLite compiles them once, with their
    /// parameters held directly (looking parameters up by name is a linear search per value).
    /// </summary>
    private sealed class Statements
    {
        private readonly SqliteParameter[] _reading;
        private readonly SqliteParameter[] _find;
        private readonly SqliteParameter[] _pushRepeat;
        private readonly SqliteParameter[] _quarantine;
        private readonly SqliteParameter[] _forwarded;

        public Statements(SqliteConnection connection)
        {
            InsertReading = connection.CreateCommand();
            InsertReading.CommandText = """
                INSERT OR IGNORE INTO readings(unit_id, outbox_seq, device_slot, device_seq, kind, values_json, flags_json,
                    glucose_type, glucose_location, device_address, device_kind, status_bits,
                    device_time, unit_receipt_time, clock_synced, received_utc, implausible, taken_utc, glucose_context_json)
                VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12, $p13, $p14, $p15, $p16, $p17, $p18)
                RETURNING id
                """;
            _reading = AddParameters(InsertReading, 19);
            Alerting = new ReadingAlerting(connection);

            FindByOutbox = connection.CreateCommand();
            FindByOutbox.CommandText = "SELECT device_slot, device_seq, kind, values_json, device_time FROM readings WHERE unit_id = $p0 AND outbox_seq = $p1";
            _find = AddParameters(FindByOutbox, 2);

            // The partial index ix_readings_push_record answers this (same WHERE clause).
            FindPushRepeat = connection.CreateCommand();
            FindPushRepeat.CommandText = """
                SELECT 1 FROM readings
                WHERE unit_id = $p0 AND device_slot = $p1 AND kind = $p2 AND device_time = $p3 AND values_json = $p4
                    AND device_seq IS NULL AND device_time IS NOT NULL
                LIMIT 1
                """;
            _pushRepeat = AddParameters(FindPushRepeat, 5);

            InsertQuarantine = connection.CreateCommand();
            InsertQuarantine.CommandText = "INSERT INTO quarantine(unit_id, topic, payload, reason, received_utc) VALUES ($p0, $p1, $p2, $p3, $p4)";
            _quarantine = AddParameters(InsertQuarantine, 5);

            // One statement for any number of ids: they come as a JSON array, so the statement is compiled once.
            MarkForwarded = connection.CreateCommand();
            MarkForwarded.CommandText = "UPDATE readings SET forwarded_utc = $p0 WHERE forwarded_utc IS NULL AND id IN (SELECT value FROM json_each($p1))";
            _forwarded = AddParameters(MarkForwarded, 2);
        }

        public SqliteCommand MarkForwarded { get; }

        public SqliteCommand InsertReading { get; }

        public SqliteCommand FindByOutbox { get; }

        public SqliteCommand FindPushRepeat { get; }

        public SqliteCommand InsertQuarantine { get; }

        public ReadingAlerting Alerting { get; }

        public void Bind(SqliteTransaction transaction)
        {
            Alerting.Bind(transaction);
            InsertReading.Transaction = transaction;
            FindByOutbox.Transaction = transaction;
            FindPushRepeat.Transaction = transaction;
            InsertQuarantine.Transaction = transaction;
            MarkForwarded.Transaction = transaction;
        }

        public void Forwarded(IReadOnlyCollection<long> ids, DateTimeOffset at)
        {
            _forwarded[0].Value = Timestamp.Format(at);
            _forwarded[1].Value = JsonSerializer.Serialize(ids, GatewayJson.Default.IReadOnlyCollectionInt64);
            MarkForwarded.ExecuteNonQuery();
        }

        /// <summary>Inserts unless a unique key exists; the new row's id, or null when it was there already.</summary>
        public long? TryInsertReading(string unitId, IncomingReading r, string valuesJson, PairedDevice? device, string received, string? implausible, DateTimeOffset takenUtc)
        {
            var p = _reading;
            p[0].Value = unitId;
            p[1].Value = r.OutboxSequence;
            p[2].Value = r.DeviceSlot;
            p[3].Value = r.DeviceSequence.HasValue ? r.DeviceSequence.Value : DBNull.Value;
            p[4].Value = r.Kind;
            p[5].Value = valuesJson;
            p[6].Value = r.Flags.Count == 0 ? "[]" : JsonSerializer.Serialize(r.Flags, GatewayJson.Default.IReadOnlyListString);
            p[7].Value = (object?)r.GlucoseSampleType ?? DBNull.Value;
            p[8].Value = (object?)r.GlucoseSampleLocation ?? DBNull.Value;
            // A v2 reading carries its device: stored as sent, and its kind is the one that produces its readings. Only a
            // v1 reading takes the device its slot holds now (or none yet: ForwardingService resolves it later).
            p[9].Value = (object?)r.DeviceAddress ?? (object?)device?.Address ?? DBNull.Value;
            p[10].Value = r.DeviceAddress != null ? DeviceKindNames.OfReadingKindName(r.Kind) ?? (object)DBNull.Value : (object?)device?.Kind ?? DBNull.Value;
            p[11].Value = r.StatusBits;
            p[12].Value = (object?)r.DeviceTime ?? DBNull.Value;
            p[13].Value = (object?)r.UnitReceiptTime ?? DBNull.Value;
            p[14].Value = r.ClockSynced ? 1 : 0;
            p[15].Value = received;
            p[16].Value = (object?)implausible ?? DBNull.Value;
            p[17].Value = Timestamp.Format(takenUtc);
            p[18].Value = r.GlucoseContext == null ? DBNull.Value : JsonSerializer.Serialize(r.GlucoseContext, GatewayJson.Default.GlucoseContextReport);
            return InsertReading.ExecuteScalar() is long id ? id : null;
        }

        /// <summary>The reading stored under (unit, outbox sequence): slot, device sequence, kind, values, device time.</summary>
        public SqliteDataReader FindOutbox(string unitId, long outboxSequence)
        {
            _find[0].Value = unitId;
            _find[1].Value = outboxSequence;
            return FindByOutbox.ExecuteReader();
        }

        /// <summary>
        /// True when a reading without a record number (a push device's measurement) is stored already with the same
        /// device slot, kind, device time and values, under any outbox sequence. Such a device re-offers a measurement
        /// it was never told was received (a unit killed between its outbox commit and the device's confirm), and the
        /// unit gives it a new outbox sequence: only its content says it is the same reading.
        /// </summary>
        public bool IsPushRepeat(string unitId, IncomingReading r, string valuesJson)
        {
            if (r.DeviceSequence.HasValue || r.DeviceTime == null)
            {
                return false;
            }

            _pushRepeat[0].Value = unitId;
            _pushRepeat[1].Value = r.DeviceSlot;
            _pushRepeat[2].Value = r.Kind;
            _pushRepeat[3].Value = r.DeviceTime;
            _pushRepeat[4].Value = valuesJson;
            return FindPushRepeat.ExecuteScalar() != null;
        }

        public void Quarantine(string unitId, string topic, byte[] payload, string reason, DateTimeOffset receivedUtc)
        {
            _quarantine[0].Value = unitId;
            _quarantine[1].Value = topic;
            _quarantine[2].Value = payload;
            _quarantine[3].Value = reason;
            _quarantine[4].Value = Timestamp.Format(receivedUtc);
            InsertQuarantine.ExecuteNonQuery();
        }

        private static SqliteParameter[] AddParameters(SqliteCommand command, int count)
        {
            var parameters = new SqliteParameter[count];
            for (int i = 0; i < count; i++)
            {
                parameters[i] = command.Parameters.Add(new SqliteParameter { ParameterName = "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            }

            return parameters;
        }
    }

    private abstract class Work
    {
        public abstract int Size { get; }

        public abstract void Write(Statements statements);

        public abstract void Succeed();

        public abstract void Fail(Exception e);
    }

    private sealed class FrameWork : Work
    {
        private readonly string _unitId;
        private readonly string _topic;
        private readonly byte[] _payload;
        private readonly IReadOnlyList<IncomingReading> _readings;
        private readonly IReadOnlyList<string?> _implausible;
        private readonly DateTimeOffset _receivedUtc;
        private readonly IReadOnlyList<PairedDevice?>? _devices;
        private FrameCommitResult _result;

        public FrameWork(string unitId, string topic, byte[] payload, IReadOnlyList<IncomingReading> readings, IReadOnlyList<string?> implausible,
            DateTimeOffset receivedUtc, IReadOnlyList<PairedDevice?>? devices)
        {
            _devices = devices;
            _unitId = unitId;
            _topic = topic;
            _payload = payload;
            _readings = readings;
            _implausible = implausible;
            _receivedUtc = receivedUtc;
        }

        public TaskCompletionSource<FrameCommitResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override int Size => Math.Max(1, _readings.Count);

        public override void Write(Statements statements)
        {
            int stored = 0, duplicates = 0, implausible = 0, conflicts = 0;
            var storedFlags = new bool[_readings.Count];
            var alertChanges = new List<AlertChange>();
            var alertFailures = new List<string>();
            ReadingAlerting.UnitAlertContext? unit = null;
            string received = Timestamp.Format(_receivedUtc);
            for (int i = 0; i < _readings.Count; i++)
            {
                IncomingReading r = _readings[i];
                string values = JsonSerializer.Serialize(r.Values, GatewayJson.Default.IReadOnlyListReadingValue);
                DateTimeOffset taken = ReadingTimes.TakenUtc(r, _receivedUtc);
                if (statements.IsPushRepeat(_unitId, r, values))
                {
                    duplicates++;
                    continue;
                }

                if (statements.TryInsertReading(_unitId, r, values, _devices?[i], received, _implausible[i], taken) is long id)
                {
                    stored++;
                    storedFlags[i] = true;
                    if (_implausible[i] != null)
                    {
                        implausible++;
                    }

                    try
                    {
                        unit ??= statements.Alerting.ContextOf(_unitId);
                        statements.Alerting.Evaluate(unit, id, r, _implausible[i], taken, _receivedUtc, alertChanges);
                    }
                    catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException && e is not SqliteException)
                    {
                        // The rules must never stop a reading being stored: it is kept, and the failure is logged and counted.
                        alertFailures.Add($"outbox {r.OutboxSequence}: {e.GetType().Name}: {e.Message}");
                    }

                    continue;
                }

                if (IsSameReadingUnderOutboxSequence(statements, r, values))
                {
                    duplicates++;
                    continue;
                }

                // The outbox sequence names a different reading than the one stored under it (a re-flashed unit whose
                // counter restarted?). Dropping it as a "duplicate" would lose a reading silently, so it is kept raw.
                conflicts++;
                statements.Quarantine(_unitId, _topic, _payload,
                    $"reading {i} (outbox sequence {r.OutboxSequence}) differs from the reading stored under that sequence", _receivedUtc);
            }

            _result = new FrameCommitResult(stored, duplicates, implausible, conflicts, storedFlags, alertChanges, alertFailures);
        }

        public override void Succeed() => Completion.TrySetResult(_result);

        public override void Fail(Exception e) => Completion.TrySetException(e);

        private bool IsSameReadingUnderOutboxSequence(Statements statements, IncomingReading r, string values)
        {
            using var reader = statements.FindOutbox(_unitId, r.OutboxSequence);
            if (!reader.Read())
            {
                // Not under this outbox sequence, so the device key matched: the device's record was fetched again.
                return true;
            }

            return reader.GetInt32(0) == r.DeviceSlot
                && (reader.IsDBNull(1) ? !r.DeviceSequence.HasValue : r.DeviceSequence == reader.GetInt64(1))
                && reader.GetString(2) == r.Kind
                && reader.GetString(3) == values
                && (reader.IsDBNull(4) ? r.DeviceTime == null : reader.GetString(4) == r.DeviceTime);
        }
    }

    private sealed class MarkForwardedWork : Work
    {
        private readonly IReadOnlyCollection<long> _ids;
        private readonly DateTimeOffset _at;

        public MarkForwardedWork(IReadOnlyCollection<long> ids, DateTimeOffset at)
        {
            _ids = ids;
            _at = at;
        }

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        // An UPDATE by primary key costs a fraction of an INSERT into five indexes.
        public override int Size => Math.Max(1, _ids.Count / 10);

        public override void Write(Statements statements) => statements.Forwarded(_ids, _at);

        public override void Succeed() => Completion.TrySetResult();

        public override void Fail(Exception e) => Completion.TrySetException(e);
    }

    private sealed class QuarantineWork : Work
    {
        private readonly string _unitId;
        private readonly string _topic;
        private readonly byte[] _payload;
        private readonly string _reason;
        private readonly DateTimeOffset _receivedUtc;

        public QuarantineWork(string unitId, string topic, byte[] payload, string reason, DateTimeOffset receivedUtc)
        {
            _unitId = unitId;
            _topic = topic;
            _payload = payload;
            _reason = reason;
            _receivedUtc = receivedUtc;
        }

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override int Size => 1;

        public override void Write(Statements statements) => statements.Quarantine(_unitId, _topic, _payload, _reason, _receivedUtc);

        public override void Succeed() => Completion.TrySetResult();

        public override void Fail(Exception e) => Completion.TrySetException(e);
    }
}
