using System.Linq;
using Dorset.Telehealth.HomeUnit.Outbox;
using Dorset.Telehealth.HomeUnit.Tests.Simulation;

namespace Dorset.Telehealth.HomeUnit.Tests.Outbox;

public sealed class ReadingOutboxTests
{
    private static byte[] Reading(int n) => [(byte)n, (byte)(n * 7), 0x42];

    [Fact]
    public void Append_GivesConsecutiveSequences_AndPeekRunReturnsThemInOrder()
    {
        var outbox = ReadingOutbox.Open(new SimulatedFlash(), capacity: 10);

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(OutboxAppendResult.Committed, outbox.Append(Reading(i), deviceKeepsRecords: true, out _));
        }

        OutboxEntry[] run = outbox.PeekRun(10);
        Assert.Equal(new uint[] { 1, 2, 3 }, run.Select(e => e.Sequence));
        Assert.Equal(Reading(1), run[1].Payload);
    }

    [Fact]
    public void Acknowledge_RemovesOnlyTheAcknowledgedReadings_AndSurvivesReopen()
    {
        var flash = new SimulatedFlash();
        var outbox = ReadingOutbox.Open(flash, capacity: 10);
        for (int i = 0; i < 4; i++)
        {
            outbox.Append(Reading(i), deviceKeepsRecords: false, out _);
        }

        outbox.Acknowledge(1, 2);

        var reopened = ReadingOutbox.Open(flash, capacity: 10);
        Assert.Equal(new uint[] { 3, 4 }, reopened.PeekRun(10).Select(e => e.Sequence));
        Assert.Equal(5u, reopened.NextSequence);
    }

    [Fact]
    public void Sequences_AreNeverReused_AfterEverythingWasAcknowledgedAndTheLogCompacted()
    {
        var flash = new SimulatedFlash();
        var outbox = ReadingOutbox.Open(flash, capacity: 10, compactAboveBytes: 64);
        for (int i = 0; i < 6; i++)
        {
            outbox.Append(Reading(i), deviceKeepsRecords: true, out uint sequence);
            outbox.Acknowledge(sequence, 1);
        }

        var reopened = ReadingOutbox.Open(flash, capacity: 10, compactAboveBytes: 64);
        Assert.Equal(0, reopened.Count);
        reopened.Append(Reading(9), deviceKeepsRecords: true, out uint next);
        Assert.Equal(7u, next);
    }

    [Fact]
    public void PeekRun_StopsAtAGap_BecauseAFrameCarriesConsecutiveSequences()
    {
        var outbox = ReadingOutbox.Open(new SimulatedFlash(), capacity: 10);
        for (int i = 0; i < 4; i++)
        {
            outbox.Append(Reading(i), deviceKeepsRecords: true, out _);
        }

        outbox.Acknowledge(2, 1);

        Assert.Equal(new uint[] { 1 }, outbox.PeekRun(10).Select(e => e.Sequence));
        outbox.Acknowledge(1, 1);
        Assert.Equal(new uint[] { 3, 4 }, outbox.PeekRun(10).Select(e => e.Sequence));
    }

    [Fact]
    public void Full_RefusesReadingsThatTheDeviceKeeps_WithoutCountingThemAsDropped()
    {
        var outbox = ReadingOutbox.Open(new SimulatedFlash(), capacity: 2);
        outbox.Append(Reading(1), deviceKeepsRecords: true, out _);
        outbox.Append(Reading(2), deviceKeepsRecords: true, out _);

        Assert.Equal(OutboxAppendResult.FullKeptOnDevice, outbox.Append(Reading(3), deviceKeepsRecords: true, out _));
        Assert.Equal(2, outbox.Count);
        Assert.Equal(0u, outbox.DroppedCount);
    }

    [Fact]
    public void Full_KeepsTheNewestReadingFromADeviceWithoutMemory_AndCountsTheDropAcrossReopen()
    {
        var flash = new SimulatedFlash();
        var outbox = ReadingOutbox.Open(flash, capacity: 3);
        outbox.Append(Reading(1), deviceKeepsRecords: true, out _);
        outbox.Append(Reading(2), deviceKeepsRecords: false, out _);
        outbox.Append(Reading(3), deviceKeepsRecords: false, out _);

        Assert.Equal(OutboxAppendResult.CommittedAfterDroppingOldest, outbox.Append(Reading(4), deviceKeepsRecords: false, out uint sequence));

        Assert.Equal(4u, sequence);
        var reopened = ReadingOutbox.Open(flash, capacity: 3);
        Assert.Equal(1u, reopened.DroppedCount);
        Assert.Equal(new uint[] { 1 }, reopened.PeekRun(10).Select(e => e.Sequence));
        reopened.Acknowledge(1, 1);
        Assert.Equal(new uint[] { 3, 4 }, reopened.PeekRun(10).Select(e => e.Sequence));
    }

    [Fact]
    public void Full_OfReadingsThatDevicesKeep_DropsAReadingFromADeviceWithoutMemory_AndCountsIt()
    {
        var outbox = ReadingOutbox.Open(new SimulatedFlash(), capacity: 1);
        outbox.Append(Reading(1), deviceKeepsRecords: true, out _);

        Assert.Equal(OutboxAppendResult.Dropped, outbox.Append(Reading(2), deviceKeepsRecords: false, out _));
        Assert.Equal(1u, outbox.DroppedCount);
        Assert.Equal(1, outbox.Count);
    }

    [Fact]
    public void Open_DiscardsATornTail_AndLaterAppendsAreNotHiddenBehindIt()
    {
        var flash = new SimulatedFlash();
        var outbox = ReadingOutbox.Open(flash, capacity: 10);
        outbox.Append(Reading(1), deviceKeepsRecords: true, out _);
        flash.PowerCutAfter = flash.Spent + 5;
        Assert.Throws<PowerCutException>(() => outbox.Append(Reading(2), deviceKeepsRecords: true, out _));
        flash.PowerCutAfter = null;

        var reopened = ReadingOutbox.Open(flash, capacity: 10);
        Assert.Equal(5, reopened.TornBytesDiscarded);
        reopened.Append(Reading(3), deviceKeepsRecords: true, out _);

        var again = ReadingOutbox.Open(flash, capacity: 10);
        Assert.Equal(0, again.TornBytesDiscarded);
        Assert.Equal([Reading(1), Reading(3)], again.PeekRun(10).Select(e => e.Payload));
    }

    [Fact]
    public void Open_RefusesALogWhoseHeaderIsDamaged_RatherThanRestartSequencesAtOne()
    {
        var flash = new SimulatedFlash();
        ReadingOutbox.Open(flash, capacity: 10).Append(Reading(1), deviceKeepsRecords: true, out _);
        byte[] log = flash.ReadAll(ReadingOutbox.FileName);
        log[5] ^= 0x01;
        flash.Write(ReadingOutbox.FileName, log);

        var error = Assert.Throws<OutboxCorruptException>(() => ReadingOutbox.Open(flash, capacity: 10));
        Assert.Contains("header", error.Message);
    }

    [Fact]
    public void Acknowledge_OnALogThatIsMostlyLiveReadings_DoesNotRewriteIt()
    {
        var flash = new SimulatedFlash();
        var outbox = ReadingOutbox.Open(flash, capacity: 100, compactAboveBytes: 200);
        for (int i = 0; i < 50; i++)
        {
            outbox.Append(Reading(i), deviceKeepsRecords: true, out _);
        }

        long before = flash.Spent;
        outbox.Acknowledge(1, 1);

        // Only the 15-byte acknowledgement entry is written; a rewrite would be about 800 bytes, on every PUBACK.
        Assert.Equal(15, flash.Spent - before);
    }
}
