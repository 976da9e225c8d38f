using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Storage;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Task = System.Threading.Tasks.Task;

namespace Dorset.Telehealth.Cloud.Subscriptions;

/// <summary>
/// Delivers every active subscription's queued events, in order, from the event after the last one its subscriber
/// acknowledged (2xx). A failure leaves the mark where it was and schedules a retry by <see cref="DeliveryBackoff"/>
/// on the <see cref="TimeProvider"/>; nothing is ever dropped, so a subscriber down for an hour, or a cloud restarted
/// meanwhile, resumes from the stored mark. Woken at once by this replica's ingestion, and by its poll for others'.
/// </summary>
public sealed class SubscriptionDeliveryWorker : BackgroundService
{
    private readonly ISubscriptionStore _store;
    private readonly NotificationBundleBuilder _bundles;
    private readonly NotificationSender _sender;
    private readonly TimeProvider _time;
    private readonly SubscriptionOptions _options;
    private readonly ILogger<SubscriptionDeliveryWorker> _logger;
    /// <summary>This worker's name on the leases it takes: one per process start.</summary>
    private readonly string _owner = Guid.NewGuid().ToString("N");
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Creates the worker.</summary>
    public SubscriptionDeliveryWorker(ISubscriptionStore store, NotificationBundleBuilder bundles, NotificationSender sender, TimeProvider time,
        IOptions<SubscriptionOptions> options, ILogger<SubscriptionDeliveryWorker> logger)
    {
        _store = store;
        _bundles = bundles;
        _sender = sender;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _store.EventsQueued += Wake;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                TimeSpan wait = _options.PollInterval;
                try
                {
                    wait = await DeliverDueAsync(stoppingToken);
                }
                catch (DbException e)
                {
                    // The store is down: nothing was marked delivered, so the next round starts where this one stopped.
                    _logger.LogWarning(e, "Subscription delivery paused: the store did not answer; retrying in {Wait}", wait);
                }

                await WaitAsync(wait, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _store.EventsQueued -= Wake;
        }
    }

    /// <summary>Asks for a delivery round now (events were queued).</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>Delivers what is due; returns how long until the next thing falls due (at most the poll interval).</summary>
    private async Task<TimeSpan> DeliverDueAsync(CancellationToken cancel)
    {
        TimeSpan next = _options.PollInterval;
        foreach (StoredSubscription s in await _store.DeliverableSubscriptionsAsync(cancel))
        {
            DateTimeOffset now = _time.GetUtcNow();
            DateTimeOffset due = DueAt(s);
            if (due <= now)
            {
                due = await DeliverOrRecordAsync(s, cancel);
                now = _time.GetUtcNow();
            }

            next = due - now < next ? due - now : next;
        }

        return next < TimeSpan.Zero ? TimeSpan.Zero : next;
    }

    /// <summary>When the subscription next needs a delivery: its retry time after a failure, now for pending events, its next heartbeat, or never.</summary>
    private static DateTimeOffset DueAt(StoredSubscription s)
    {
        if (s.NextAttemptAt is DateTimeOffset retry)
        {
            return retry;
        }

        if (s.Pending > 0)
        {
            return DateTimeOffset.MinValue;
        }

        return s.Subscription.HeartbeatSeconds is int heartbeat
            ? (s.LastSentAt ?? s.Subscription.CreatedAt).AddSeconds(heartbeat)
            : DateTimeOffset.MaxValue;
    }

    /// <summary>
    /// Under this worker's lease, <see cref="DeliverUnderLeaseAsync"/>; returns when the subscription is next due, now
    /// if events arrived meanwhile.
    /// </summary>
    private async Task<DateTimeOffset> DeliverOrRecordAsync(StoredSubscription s, CancellationToken cancel)
    {
        if (!await LeaseAsync(s.Subscription.Id, cancel))
        {
            // Another replica is delivering it; it looks again once it has released the lease, so this one can wait for its poll.
            return _time.GetUtcNow() + _options.PollInterval;
        }

        DateTimeOffset due = await DeliverUnderLeaseAsync(s, cancel);

        // Released: look again. A replica whose commit queued events while this one held the lease was refused it (above)
        // and waits for its poll; those events were committed before this release, so this read sees them and the next
        // round sends them now. Either the refused replica asked after the release (and holds the lease) or this one sees.
        StoredSubscription? after = await _store.GetSubscriptionAsync(s.Subscription.Id, cancel);
        DateTimeOffset now = _time.GetUtcNow();
        return after is { Active: true } && DueAt(after) <= now ? now : due;
    }

    /// <summary>
    /// <see cref="DeliverAsync"/> under the lease just taken, then releases it; a fault of this subscription's own (an
    /// event that cannot be rendered) is recorded as a failed delivery and retried like one: it holds up this
    /// subscription, never the others or the host.
    /// </summary>
    private async Task<DateTimeOffset> DeliverUnderLeaseAsync(StoredSubscription s, CancellationToken cancel)
    {
        try
        {
            // Read again under the lease: the round's list may predate what another replica delivered meanwhile.
            StoredSubscription? fresh = await _store.GetSubscriptionAsync(s.Subscription.Id, cancel);
            if (fresh == null || !fresh.Active)
            {
                return DateTimeOffset.MaxValue;
            }

            s = fresh;
            DateTimeOffset due = DueAt(s);
            return due > _time.GetUtcNow() ? due : await DeliverAsync(s, cancel);
        }
        catch (Exception e) when (e is not (DbException or OperationCanceledException))
        {
            int attempts = s.FailedAttempts + 1;
            DateTimeOffset retry = _time.GetUtcNow() + DeliveryBackoff.After(attempts, _options);
            _logger.LogError(e, "Subscription {SubscriptionId}: a notification could not be built; attempt {Attempt}, next at {Retry:O}", s.Subscription.Id, attempts, retry);
            await _store.RecordFailedAsync(s.Subscription.Id, attempts, retry, "the cloud could not build the notification: " + e.GetType().Name, cancel);
            return retry;
        }
        finally
        {
            if (!cancel.IsCancellationRequested)
            {
                DateTimeOffset now = _time.GetUtcNow();
                await _store.TryLeaseAsync(s.Subscription.Id, _owner, now, now, CancellationToken.None);
            }
        }
    }

    /// <summary>Takes or renews this worker's lease on the subscription for three delivery timeouts: longer than one send and its bookkeeping.</summary>
    private Task<bool> LeaseAsync(string id, CancellationToken cancel)
    {
        DateTimeOffset now = _time.GetUtcNow();
        return _store.TryLeaseAsync(id, _owner, now, now + (3 * _options.DeliveryTimeout), cancel);
    }

    /// <summary>Sends the backlog in order, one Bundle at a time, until it is empty or a send fails; returns when it is next due.</summary>
    private async Task<DateTimeOffset> DeliverAsync(StoredSubscription s, CancellationToken cancel)
    {
        long delivered = s.DeliveredUpTo;
        string id = s.Subscription.Id;
        do
        {
            IReadOnlyList<SubscriptionEvent> events = delivered < s.EventsQueued
                ? await _store.EventsAfterAsync(id, delivered, _options.MaxEventsPerNotification, cancel)
                : Array.Empty<SubscriptionEvent>();
            if (!await LeaseAsync(id, cancel))
            {
                // The lease ran out mid-backlog and another replica took it: it carries on from the stored mark.
                return _time.GetUtcNow() + _options.PollInterval;
            }

            if (events.Count == 0 && delivered < s.EventsQueued)
            {
                throw new InvalidOperationException($"events after {delivered} of {s.EventsQueued} are missing from the store");
            }

            Bundle bundle = await _bundles.BuildAsync(s, events, _time.GetUtcNow(), cancel);
            string? failure = await _sender.SendAsync(s.Subscription, bundle, cancel);
            DateTimeOffset now = _time.GetUtcNow();
            if (failure != null)
            {
                int attempts = s.FailedAttempts + 1;
                DateTimeOffset retry = now + DeliveryBackoff.After(attempts, _options);
                await _store.RecordFailedAsync(id, attempts, retry, failure, cancel);
                _logger.LogWarning("Subscription {SubscriptionId}: delivery of events after {Delivered} failed ({Failure}); attempt {Attempt}, next at {Retry:O}",
                    id, delivered, failure, attempts, retry);
                return retry;
            }

            delivered = events.Count > 0 ? events[^1].Number : delivered;
            await _store.RecordDeliveredAsync(id, delivered, now, cancel);
            if (s.FailedAttempts > 0)
            {
                _logger.LogInformation("Subscription {SubscriptionId}: delivering again after {Attempts} failed attempts", id, s.FailedAttempts);
            }

            s = s with { DeliveredUpTo = delivered, FailedAttempts = 0, NextAttemptAt = null, LastError = null, LastSentAt = now };
        }
        while (delivered < s.EventsQueued);

        return DueAt(s);
    }

    private async Task WaitAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        Task woken = _wake.Reader.WaitToReadAsync(either.Token).AsTask();
        await Task.WhenAny(woken, Task.Delay(wait, _time, either.Token));
        await either.CancelAsync();
        _wake.Reader.TryRead(out _);
        stoppingToken.ThrowIfCancellationRequested();
    }
}
