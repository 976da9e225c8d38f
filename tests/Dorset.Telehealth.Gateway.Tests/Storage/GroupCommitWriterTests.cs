using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Ingest;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Gateway.Tests.Fakes;

namespace Dorset.Telehealth.Gateway.Tests.Storage;

public sealed class GroupCommitWriterTests : IAsyncDisposable
{
    private readonly ReadingsDatabase _db = new();

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private Task<FrameCommitResult> Commit(string unit, params IncomingReading[] readings)
    {
        return _db.Writer.CommitFrameAsync(unit, "dorset/v1/" + unit + "/readings", new byte[] { 1 }, readings, new string?[readings.Length], DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task CommitFrame_NewReadings_AreStoredWithExactValues()
    {
        var result = await Commit("u1", Readings.Glucose(1, 10, "5.60"), Readings.Weight(2, "81.35"));

        Assert.Equal(2, result.Stored);
        var stored = _db.Store.Export("u1", null).ToList();
        Assert.Equal(new[] { "5.60", "81.35" }, stored.Select(r => r.Values[0].Value));
        Assert.Equal(new[] { "mmol/L", "kg" }, stored.Select(r => r.Values[0].Unit));
    }

    [Fact]
    public async Task CommitFrame_SameOutboxSequenceAgain_IsDuplicateNotStoredTwice()
    {
        await Commit("u1", Readings.Glucose(1, 10));

        var again = await Commit("u1", Readings.Glucose(1, 10));

        Assert.Equal(0, again.Stored);
        Assert.Equal(1, again.Duplicates);
        Assert.Equal(1, _db.Store.Count());
    }

    [Fact]
    public async Task CommitFrame_SameDeviceSequenceUnderNewOutboxSequence_IsDuplicate()
    {
        // The unit re-fetched the meter's records ("fetch all" after a backwards sequence) and queued them again.
        await Commit("u1", Readings.Glucose(1, 10));

        var again = await Commit("u1", Readings.Glucose(7, 10));

        Assert.Equal(1, again.Duplicates);
        Assert.Equal(1, _db.Store.Count());
    }

    [Fact]
    public async Task CommitFrame_SameSequencesOnAnotherUnit_AreStored()
    {
        await Commit("u1", Readings.Glucose(1, 10));

        var other = await Commit("u2", Readings.Glucose(1, 10));

        Assert.Equal(1, other.Stored);
    }

    [Fact]
    public async Task CommitFrame_OutboxSequenceReusedForDifferentReading_IsQuarantinedNotDropped()
    {
        await Commit("u1", Readings.Weight(1, "80.0"));

        var conflict = await Commit("u1", Readings.Weight(1, "95.5"));

        Assert.Equal(1, conflict.Conflicts);
        Assert.Equal(1, _db.Store.Count());
        Assert.Contains("outbox sequence 1", _db.Store.Quarantine(10).Single().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommitFrame_ImplausibleFlag_IsStoredWithReason()
    {
        var reading = Readings.Glucose(1, 10, "88");
        await _db.Writer.CommitFrameAsync("u1", "t", new byte[] { 1 }, new[] { reading }, new string?[] { "glucose 88 mmol/L outside 0.5..50" }, DateTimeOffset.UtcNow);

        Assert.Equal("glucose 88 mmol/L outside 0.5..50", _db.Store.Export("u1", null).Single().Implausible);
    }

    [Fact]
    public async Task CommitFrame_ManyConcurrentFrames_ShareCommits()
    {
        var tasks = Enumerable.Range(0, 400).Select(i => Commit("u" + (i % 50), Readings.Glucose(i, i))).ToList();

        var results = await Task.WhenAll(tasks);

        Assert.All(results, r => Assert.Equal(1, r.Stored));
        Assert.Equal(400, _db.Store.Count());
        // Each commit is one fsync; grouping is what keeps a Pi's SD card from capping ingest.
        Assert.True(_db.Writer.Commits < 400, $"{_db.Writer.Commits} commits for 400 frames");
    }

    [Fact]
    public async Task Quarantine_RawPayload_IsKeptWithReason()
    {
        await _db.Writer.QuarantineAsync("u1", "dorset/v1/u1/readings", new byte[] { 0xde, 0xad }, "crc mismatch", DateTimeOffset.UtcNow);

        var frame = _db.Store.Quarantine(10).Single();
        Assert.Equal("dead", frame.PayloadHex);
        Assert.Equal("crc mismatch", frame.Reason);
        Assert.Equal("u1", frame.Unit);
    }

    [Fact]
    public async Task Outbox_PruneForwarded_NeverDeletesUnforwarded()
    {
        await Commit("u1", Readings.Glucose(1, 1), Readings.Glucose(2, 2));
        var outbox = new SqliteOutbox(_db.Database, _db.Writer);
        long first = outbox.TakeBatch(10)[0].Id;
        await outbox.MarkForwardedAsync(new[] { first }, DateTimeOffset.UtcNow.AddDays(-40));

        int pruned = outbox.PruneForwarded(DateTimeOffset.UtcNow.AddDays(-30));

        Assert.Equal(1, pruned);
        var left = _db.Store.Export(null, null).Single();
        Assert.Equal(2, left.OutboxSequence);
        Assert.False(left.Forwarded);
    }
}
