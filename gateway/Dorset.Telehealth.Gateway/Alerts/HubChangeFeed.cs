using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;

namespace Dorset.Telehealth.Gateway.Alerts;

/// <summary>One change the console shows live: new readings of a unit, or an alert raised, updated, resolved, acknowledged.</summary>
/// <param name="Type">"readings" or "alert".</param>
/// <param name="Id">The unit id for readings, the alert id for an alert.</param>
/// <param name="Detail">For an alert, its change kind (raised, updated, ...); for readings, how many were stored.</param>
public sealed record HubChange(string Type, string Id, string Detail);

/// <summary>
/// An in-process feed of readings and alert changes, published only after they are committed, for the console's
/// server-sent events. Each subscriber has a bounded queue that drops its oldest entries when it falls behind: a slow
/// browser must never hold up ingest, and the page re-reads the state it shows anyway.
/// </summary>
public sealed class HubChangeFeed
{
    private const int QueueLength = 256;
    private readonly Lock _gate = new();
    private readonly List<Channel<HubChange>> _subscribers = new();

    /// <summary>Subscribers now.</summary>
    public int Subscribers
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>A queue of every change from now until <paramref name="cancellation"/> ends it.</summary>
    public ChannelReader<HubChange> Subscribe(CancellationToken cancellation)
    {
        var channel = Channel.CreateBounded<HubChange>(new BoundedChannelOptions(QueueLength) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            _subscribers.Add(channel);
        }

        cancellation.Register(() =>
        {
            lock (_gate)
            {
                _subscribers.Remove(channel);
            }

            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    /// <summary>Publishes <paramref name="change"/> to every subscriber.</summary>
    public void Publish(HubChange change)
    {
        lock (_gate)
        {
            foreach (Channel<HubChange> subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(change);
            }
        }
    }

    /// <summary>Publishes an alert change.</summary>
    public void Publish(AlertChange change) => Publish(new HubChange("alert", change.AlertId, change.Kind.ToString().ToLowerInvariant()));
}
