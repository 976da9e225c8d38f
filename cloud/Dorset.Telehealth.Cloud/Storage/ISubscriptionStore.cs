using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Dorset.Telehealth.Cloud.Storage;

/// <summary>
/// FHIR Subscriptions (R4 backport): the subscriptions, and their numbered events, which ingestion queues in the
/// same transaction that stores the reading or alert, so an acknowledged batch's notification cannot be lost.
/// </summary>
public interface ISubscriptionStore
{
    /// <summary>Raised after a commit that queued at least one event, so the delivery worker need not wait for its poll.</summary>
    event Action? EventsQueued;

    /// <summary>Registers a subscription (active, nothing queued).</summary>
    Task CreateSubscriptionAsync(NewSubscription subscription, CancellationToken cancel = default);

    /// <summary>The subscription, ended ones included, or null.</summary>
    Task<StoredSubscription?> GetSubscriptionAsync(string id, CancellationToken cancel = default);

    /// <summary>Ends a subscription: nothing more is queued or delivered. False when unknown.</summary>
    Task<bool> EndSubscriptionAsync(string id, CancellationToken cancel = default);

    /// <summary>The active subscriptions with events to deliver or a heartbeat period: the delivery worker's work list.</summary>
    Task<IReadOnlyList<StoredSubscription>> DeliverableSubscriptionsAsync(CancellationToken cancel = default);

    /// <summary>Up to <paramref name="max"/> events of the subscription numbered above <paramref name="after"/>, in order.</summary>
    Task<IReadOnlyList<SubscriptionEvent>> EventsAfterAsync(string id, long after, int max, CancellationToken cancel = default);

    /// <summary>
    /// Takes or renews the right to deliver the subscription until <paramref name="until"/>, so that replicas do not
    /// send the same events side by side: true when no other owner holds an unexpired lease at <paramref name="now"/>.
    /// Giving <paramref name="until"/> = <paramref name="now"/> releases it.
    /// </summary>
    Task<bool> TryLeaseAsync(string id, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancel = default);

    /// <summary>The subscriber acknowledged (2xx) everything up to <paramref name="upTo"/> at <paramref name="at"/>; never moves the mark back.</summary>
    Task RecordDeliveredAsync(string id, long upTo, DateTimeOffset at, CancellationToken cancel = default);

    /// <summary>A delivery failed: the count of consecutive failures, when to try again, and why.</summary>
    Task RecordFailedAsync(string id, int failedAttempts, DateTimeOffset nextAttemptAt, string error, CancellationToken cancel = default);
}
