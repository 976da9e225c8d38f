using System.Collections.Generic;
using System.Linq;
using Dorset.Telehealth.HomeUnit.Outbox;
using Dorset.Telehealth.HomeUnit.Tests.Simulation;

namespace Dorset.Telehealth.HomeUnit.Tests.Outbox;

/// <summary>
/// Cuts the power at every byte offset of a scenario that appends, acknowledges, overflows and compacts, then boots
/// again on what the flash holds: every reading committed and not acknowledged must be there, byte for byte, and
/// nothing torn may appear.
/// </summary>
public sealed class OutboxPowerCutTests
{
    private const int Capacity = 6;
    private const int CompactAboveBytes = 120;

    [Fact]
    public void PowerCut_AtEveryByteOffset_KeepsEveryCommittedReading_AndNoTornOne()
    {
        var uncut = new Ledger();
        long scenarioLength = RunScenario(new SimulatedFlash(), uncut);
        Assert.True(uncut.DropsReturned > 0, "the scenario must overflow the outbox");
        Assert.True(scenarioLength > 2 * CompactAboveBytes, $"the scenario must compact the log: {scenarioLength} bytes");

        for (long cut = 0; cut < scenarioLength; cut++)
        {
            var flash = new SimulatedFlash { PowerCutAfter = cut };
            var ledger = new Ledger();
            Assert.Throws<PowerCutException>(() => RunScenario(flash, ledger));

            flash.PowerCutAfter = null;
            var recovered = ReadingOutbox.Open(flash, Capacity, CompactAboveBytes);
            Dictionary<uint, byte[]> pending = Drain(recovered);

            foreach ((uint sequence, byte[] payload) in ledger.CommittedNotAcknowledged)
            {
                Assert.True(pending.TryGetValue(sequence, out byte[]? kept), $"cut at {cut}: committed reading {sequence} lost");
                Assert.Equal(payload, kept);
            }

            foreach ((uint sequence, byte[] payload) in pending)
            {
                Assert.True(ledger.Attempted.TryGetValue(sequence, out byte[]? attempted), $"cut at {cut}: reading {sequence} never offered");
                Assert.Equal(attempted, payload);
                Assert.False(ledger.AcknowledgeReturned.Contains(sequence), $"cut at {cut}: acknowledged reading {sequence} came back");
            }

            // A sequence that was committed (returned, or found on flash) may never be given to another reading; one whose
            // write was torn was never published, so it may be.
            uint highestCommitted = ledger.Committed.Keys.Concat(pending.Keys).DefaultIfEmpty(0u).Max();
            Assert.True(recovered.NextSequence > highestCommitted, $"cut at {cut}: sequence {highestCommitted} would be reused");
            Assert.True(recovered.DroppedCount >= (uint)ledger.DropsReturned, $"cut at {cut}: a counted drop was forgotten");
        }
    }

    /// <summary>Appends, acknowledges and overflows; returns the bytes it wrote. Records what each call promised.</summary>
    private static long RunScenario(SimulatedFlash flash, Ledger ledger)
    {
        var outbox = ReadingOutbox.Open(flash, Capacity, CompactAboveBytes);
        for (int round = 0; round < 4; round++)
        {
            for (int i = 0; i < 4; i++)
            {
                Offer(outbox, ledger, (byte)(round * 16 + i), deviceKeepsRecords: i % 2 == 0);
            }

            OutboxEntry[] run = outbox.PeekRun(2);
            if (run.Length > 0)
            {
                // Marked before the call: a cut inside it may or may not have recorded the PUBACK.
                ledger.Acknowledged.UnionWith(run.Select(e => e.Sequence));
                outbox.Acknowledge(run[0].Sequence, run.Length);
                ledger.AcknowledgeReturned.UnionWith(run.Select(e => e.Sequence));
            }
        }

        return flash.Spent;
    }

    private static void Offer(ReadingOutbox outbox, Ledger ledger, byte marker, bool deviceKeepsRecords)
    {
        byte[] payload = [marker, 0x10, 0x20, (byte)~marker];
        uint next = outbox.NextSequence;
        ledger.Attempted[next] = payload;
        if (outbox.Count >= Capacity && !deviceKeepsRecords)
        {
            // The reading that a full outbox will displace: a cut inside the call may or may not have dropped it.
            OutboxEntry? displaced = outbox.Snapshot().FirstOrDefault(e => !e.DeviceKeepsRecords);
            if (displaced != null)
            {
                ledger.Dropped.Add(displaced.Sequence);
            }
        }

        OutboxAppendResult result = outbox.Append(payload, deviceKeepsRecords, out uint sequence);
        if (result is OutboxAppendResult.Committed or OutboxAppendResult.CommittedAfterDroppingOldest)
        {
            ledger.Committed[sequence] = payload;
        }

        if (result is OutboxAppendResult.CommittedAfterDroppingOldest or OutboxAppendResult.Dropped)
        {
            ledger.DropsReturned++;
        }
    }

    private static Dictionary<uint, byte[]> Drain(ReadingOutbox outbox)
    {
        // Reads every waiting reading without acknowledging: PeekRun stops at gaps, so walk a copy.
        var result = new Dictionary<uint, byte[]>();
        foreach (OutboxEntry entry in outbox.Snapshot())
        {
            result[entry.Sequence] = entry.Payload;
        }

        return result;
    }

    private sealed class Ledger
    {
        public Dictionary<uint, byte[]> Attempted { get; } = [];

        public Dictionary<uint, byte[]> Committed { get; } = [];

        public HashSet<uint> Acknowledged { get; } = [];

        public HashSet<uint> AcknowledgeReturned { get; } = [];

        public HashSet<uint> Dropped { get; } = [];

        public int DropsReturned { get; set; }

        public IEnumerable<(uint Sequence, byte[] Payload)> CommittedNotAcknowledged =>
            Committed.Where(c => !Acknowledged.Contains(c.Key) && !Dropped.Contains(c.Key)).Select(c => (c.Key, c.Value));
    }
}
