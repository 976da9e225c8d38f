using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Dorset.Telehealth.Cloud.Storage;

/// <summary>
/// FHIR Subscriptions (<see cref="ISubscriptionStore"/>). Event numbers come from the subscription row's counter,
/// incremented by an UPDATE in the ingesting transaction: the row lock it takes is held to commit, so two replicas
/// queueing for one subscription get consecutive numbers in commit order, and a rolled-back batch leaves no gap.
/// </summary>
public abstract partial class SqlCloudStore : ISubscriptionStore
{
    /// <summary>The columns <see cref="ReadSubscription"/> reads, in its order.</summary>
    private const string SubscriptionColumns =
        "id, reader_id, topic, filter_kind, filter_value, endpoint, content, headers_json, heartbeat_seconds, created_at, " +
        "active, events_queued, delivered_up_to, failed_attempts, next_attempt_at, last_error, last_sent_at, fhir_base";

    /// <inheritdoc/>
    public event Action? EventsQueued;

    /// <inheritdoc/>
    public async Task CreateSubscriptionAsync(NewSubscription s, CancellationToken cancel = default)
    {
        await WriteAsync(async (c, t) => await ExecuteAsync(c, t,
            "INSERT INTO subscriptions (id, reader_id, topic, filter_kind, filter_value, endpoint, content, headers_json, heartbeat_seconds, created_at, " +
            "active, events_queued, delivered_up_to, failed_attempts, fhir_base) VALUES (@id, @r, @t, @fk, @fv, @e, @c, @h, @hb, @at, @a, 0, 0, 0, @b)", cancel,
            ("id", s.Id), ("r", s.ReaderId), ("t", s.Topic), ("fk", s.Filter.Kind), ("fv", s.Filter.Value), ("e", s.Endpoint), ("c", s.Content),
            ("h", JsonSerializer.Serialize(s.Headers)), ("hb", s.HeartbeatSeconds), ("at", DbTime(s.CreatedAt)), ("a", true), ("b", s.FhirBase)), cancel);
    }

    /// <inheritdoc/>
    public async Task<StoredSubscription?> GetSubscriptionAsync(string id, CancellationToken cancel = default)
    {
        await using DbConnection c = await OpenAsync(cancel);
        await using DbCommand cmd = Command(c, null, $"SELECT {SubscriptionColumns} FROM subscriptions WHERE id = @id", ("id", id));
        await using DbDataReader r = await cmd.ExecuteReaderAsync(cancel);
        return await r.ReadAsync(cancel) ? ReadSubscription(r) : null;
    }

    /// <inheritdoc/>
    public async Task<bool> EndSubscriptionAsync(string id, CancellationToken cancel = default) =>
        await WriteAsync((c, t) => ExecuteAsync(c, t, "UPDATE subscriptions SET active = @a WHERE id = @id", cancel, ("a", false), ("id", id)), cancel) > 0;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<StoredSubscription>> DeliverableSubscriptionsAsync(CancellationToken cancel = default)
    {
        var result = new List<StoredSubscription>();
        await using DbConnection c = await OpenAsync(cancel);
        await using DbCommand cmd = Command(c, null,
            $"SELECT {SubscriptionColumns} FROM subscriptions WHERE active = @a AND (events_queued > delivered_up_to OR heartbeat_seconds IS NOT NULL) ORDER BY id",
            ("a", true));
        await using DbDataReader r = await cmd.ExecuteReaderAsync(cancel);
        while (await r.ReadAsync(cancel))
        {
            result.Add(ReadSubscription(r));
        }

        return result;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<SubscriptionEvent>> EventsAfterAsync(string id, long after, int max, CancellationToken cancel = default)
    {
        var result = new List<SubscriptionEvent>();
        await using DbConnection c = await OpenAsync(cancel);
        await using DbCommand cmd = Command(c, null,
            "SELECT event_number, focus_type, focus_id, context_id, occurred_at FROM subscription_events " +
            "WHERE subscription_id = @id AND event_number > @after ORDER BY event_number LIMIT @n", ("id", id), ("after", after), ("n", max));
        await using DbDataReader r = await cmd.ExecuteReaderAsync(cancel);
        while (await r.ReadAsync(cancel))
        {
            result.Add(new SubscriptionEvent(Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), r.GetString(1), r.GetString(2),
                r.IsDBNull(3) ? null : r.GetString(3), ReadTime(r, 4)));
        }

        return result;
    }

    /// <inheritdoc/>
    public async Task<bool> TryLeaseAsync(string id, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancel = default) =>
        await WriteAsync((c, t) => ExecuteAsync(c, t,
            "UPDATE subscriptions SET lease_owner = @o, lease_until = @u WHERE id = @id AND (lease_until IS NULL OR lease_until <= @now OR lease_owner = @o)", cancel,
            ("o", owner), ("u", DbTime(until)), ("id", id), ("now", DbTime(now))), cancel) == 1;

    /// <inheritdoc/>
    public Task RecordDeliveredAsync(string id, long upTo, DateTimeOffset at, CancellationToken cancel = default) =>
        // CASE, not a WHERE on the mark: a heartbeat (upTo = the mark) must still record when it was sent.
        WriteAsync((c, t) => ExecuteAsync(c, t,
            "UPDATE subscriptions SET delivered_up_to = CASE WHEN delivered_up_to < @n THEN @n ELSE delivered_up_to END, " +
            "failed_attempts = 0, next_attempt_at = NULL, last_error = NULL, last_sent_at = @at WHERE id = @id", cancel,
            ("n", upTo), ("at", DbTime(at)), ("id", id)), cancel);

    /// <inheritdoc/>
    public Task RecordFailedAsync(string id, int failedAttempts, DateTimeOffset nextAttemptAt, string error, CancellationToken cancel = default) =>
        WriteAsync((c, t) => ExecuteAsync(c, t,
            "UPDATE subscriptions SET failed_attempts = @f, next_attempt_at = @next, last_error = @e WHERE id = @id", cancel,
            ("f", failedAttempts), ("next", DbTime(nextAttemptAt)), ("e", error), ("id", id)), cancel);

    /// <summary>
    /// Numbers and queues <paramref name="events"/> for every active subscription whose topic and filter they pass,
    /// in <paramref name="transaction"/> (the one storing them). Returns how many were queued.
    /// </summary>
    private async Task<int> QueueTopicEventsAsync(DbConnection c, DbTransaction transaction, IReadOnlyList<TopicEvent> events, DateTimeOffset at, CancellationToken cancel)
    {
        if (events.Count == 0)
        {
            return 0;
        }

        var (inSql, parameters) = InList("topic", events.Select(e => e.Topic).Distinct(StringComparer.Ordinal).ToList());
        var subscriptions = new List<(string Id, string Topic, SubscriptionFilter Filter)>();
        // By id: replicas take the subscription row locks in one order, so they queue behind each other, never deadlock.
        await using (DbCommand select = Command(c, transaction, $"SELECT id, topic, filter_kind, filter_value FROM subscriptions WHERE active = @a AND {inSql} ORDER BY id",
            parameters.Append(("a", (object?)true)).ToArray()))
        await using (DbDataReader r = await select.ExecuteReaderAsync(cancel))
        {
            while (await r.ReadAsync(cancel))
            {
                subscriptions.Add((r.GetString(0), r.GetString(1), new SubscriptionFilter(r.GetString(2), r.GetString(3))));
            }
        }

        int queued = 0;
        foreach ((string id, string topic, SubscriptionFilter filter) in subscriptions)
        {
            var matching = events.Where(e => e.Topic == topic && filter.Matches(e.PatientNhs, e.Hub)).ToList();
            if (matching.Count == 0)
            {
                continue;
            }

            long number = await ScalarAsync(c, transaction, "UPDATE subscriptions SET events_queued = events_queued + @n WHERE id = @id RETURNING events_queued",
                cancel, ("n", (long)matching.Count), ("id", id)) - matching.Count;
            await using DbCommand insert = Command(c, transaction,
                "INSERT INTO subscription_events (subscription_id, event_number, focus_type, focus_id, context_id, occurred_at) VALUES (@s, @n, @t, @f, @x, @at)",
                ("s", id), ("n", 0L), ("t", string.Empty), ("f", string.Empty), ("x", null), ("at", DbTime(at)));
            foreach (TopicEvent e in matching)
            {
                insert.Parameters[1].Value = ++number;
                insert.Parameters[2].Value = e.FocusType;
                insert.Parameters[3].Value = e.FocusId;
                insert.Parameters[4].Value = (object?)e.ContextId ?? DBNull.Value;
                await insert.ExecuteNonQueryAsync(cancel);
            }

            queued += matching.Count;
        }

        return queued;
    }

    /// <summary>Tells the delivery worker that a commit queued events.</summary>
    private void AnnounceQueued(int queued)
    {
        if (queued > 0)
        {
            EventsQueued?.Invoke();
        }
    }

    private static StoredSubscription ReadSubscription(DbDataReader r)
    {
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        long Long(int i) => Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);
        var subscription = new NewSubscription(r.GetString(0), r.GetString(1), r.GetString(2), new SubscriptionFilter(r.GetString(3), r.GetString(4)),
            r.GetString(5), r.GetString(6), JsonSerializer.Deserialize<List<string>>(r.GetString(7))!, r.IsDBNull(8) ? null : (int)Long(8), ReadTime(r, 9), r.GetString(17));
        return new StoredSubscription(subscription, Convert.ToBoolean(r.GetValue(10), CultureInfo.InvariantCulture), Long(11), Long(12), (int)Long(13),
            r.IsDBNull(14) ? null : ReadTime(r, 14), Text(15), r.IsDBNull(16) ? null : ReadTime(r, 16));
    }
}
