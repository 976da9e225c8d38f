using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Forwarding;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dorset.Telehealth.Gateway.Tests.Storage;

public sealed class ForwardedReadingPrunerTests : IAsyncDisposable
{
    private readonly ReadingsDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task PruneNow_DeletesOnlyReadingsForwardedBeforeTheRetention()
    {
        await _db.Writer.CommitFrameAsync("u1", "dorset/v1/u1/readings", new byte[] { 1 },
            new[] { Readings.Glucose(1, 1), Readings.Glucose(2, 2), Readings.Glucose(3, 3) }, new string?[3], _time.GetUtcNow());
        var outbox = new SqliteOutbox(_db.Database, _db.Writer);
        IReadOnlyList<ExportedReading> stored = outbox.TakeBatch(10);
        await outbox.MarkForwardedAsync(new[] { stored[0].Id }, _time.GetUtcNow().AddDays(-30).AddMinutes(-1));
        await outbox.MarkForwardedAsync(new[] { stored[1].Id }, _time.GetUtcNow().AddDays(-30).AddMinutes(1));
        var pruner = new ForwardedReadingPruner(outbox, Options.Create(new ForwardingOptions { RetentionDays = 30 }), _time,
            NullLogger<ForwardedReadingPruner>.Instance);

        Assert.Equal(1, pruner.PruneNow());

        // The one forwarded just inside the retention and the unforwarded one stay; an hour on, the first is due too.
        Assert.Equal(new long[] { 2, 3 }, _db.Store.Export(null, null).Select(r => r.OutboxSequence).Order());
        _time.Advance(ForwardedReadingPruner.Interval);
        Assert.Equal(1, pruner.PruneNow());
        Assert.Equal(3, _db.Store.Export(null, null).Single().OutboxSequence);
    }
}
