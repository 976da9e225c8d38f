using System;
using System.Threading.Tasks;
using System.Collections.Generic;
using System.Threading;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Dorset.Telehealth.Gateway.Tests.Fakes;

/// <summary>
/// The gateway's own SQLite outbox, counting the forwarder's looks that found nothing to send. That is the moment it
/// goes idle, an event a test can wait for instead of sleeping: a reading committed after it can leave only by ingest's
/// signal, and a rejected reading that is not re-sent shows as further empty looks rather than as a quiet interval.
/// </summary>
public sealed class WatchedOutbox : IOutbox
{
    private readonly SqliteOutbox _inner;
    private int _emptyTakes;

    private WatchedOutbox(SqliteOutbox inner)
    {
        _inner = inner;
    }

    /// <summary>How many times <see cref="TakeBatch"/> has returned nothing.</summary>
    public int EmptyTakes => Volatile.Read(ref _emptyTakes);

    /// <summary>Puts a watched outbox in the host's place of its own; the test finds it as a <see cref="WatchedOutbox"/> service.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton(sp => new WatchedOutbox(ActivatorUtilities.CreateInstance<SqliteOutbox>(sp)));
        services.AddSingleton<IOutbox>(sp => sp.GetRequiredService<WatchedOutbox>());
    }

    /// <inheritdoc/>
    public IReadOnlyList<ExportedReading> TakeBatch(int max)
    {
        IReadOnlyList<ExportedReading> batch = _inner.TakeBatch(max);
        if (batch.Count == 0)
        {
            Interlocked.Increment(ref _emptyTakes);
        }

        return batch;
    }

    /// <inheritdoc/>
    public Task MarkForwardedAsync(IReadOnlyCollection<long> ids, DateTimeOffset at) => _inner.MarkForwardedAsync(ids, at);

    /// <inheritdoc/>
    public void MarkRejected(long id, string reason) => _inner.MarkRejected(id, reason);

    /// <inheritdoc/>
    public int PruneForwarded(DateTimeOffset cutoff) => _inner.PruneForwarded(cutoff);

    /// <inheritdoc/>
    public IReadOnlyList<(string Unit, int Slot)> UnaddressedSlots() => _inner.UnaddressedSlots();

    /// <inheritdoc/>
    public int AssignAddress(string unitId, int slot, string address, string kind) => _inner.AssignAddress(unitId, slot, address, kind);
}
