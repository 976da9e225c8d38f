using System.Collections;
using Dorset.Telehealth.HomeUnit.Storage;

namespace Dorset.Telehealth.HomeUnit.Outbox
{
    /// <summary>
    /// The power-loss-safe queue of readings between the devices and the gateway. Every change is one appended,
    /// CRC-checked, commit-marked log entry (<see cref="OutboxLogEntry"/>); opening the log replays it and discards a
    /// torn tail. A reading leaves only when the gateway's PUBACK is recorded. The log is rewritten (compacted) through
    /// <see cref="AtomicFile"/> when it grows or after a torn tail, so recovery never appends behind damaged bytes.
    /// </summary>
    public sealed class ReadingOutbox
    {
        /// <summary>The log's file name on flash.</summary>
        public const string FileName = "outbox.log";

        private const uint NoSequence = 0xFFFFFFFF;
        private const int DefaultCompactAboveBytes = 16 * 1024;

        private readonly IFlashStorage storage;
        private readonly int capacity;
        private readonly int compactAboveBytes;
        private readonly ArrayList pending = new ArrayList();
        private readonly object gate = new object();
        private uint nextSequence = 1;
        private uint droppedCount;
        private int logLength;

        private ReadingOutbox(IFlashStorage storage, int capacity, int compactAboveBytes)
        {
            this.storage = storage;
            this.capacity = capacity;
            this.compactAboveBytes = compactAboveBytes;
        }

        /// <summary>Readings waiting for PUBACK.</summary>
        public int Count
        {
            get
            {
                lock (gate)
                {
                    return pending.Count;
                }
            }
        }

        /// <summary>The most readings the outbox holds.</summary>
        public int Capacity
        {
            get { return capacity; }
        }

        /// <summary>True when a reading from a device with its own memory would be refused.</summary>
        public bool IsFull
        {
            get { return Count >= capacity; }
        }

        /// <summary>Readings lost because the outbox was full, over the unit's life (reported in the status).</summary>
        public uint DroppedCount
        {
            get
            {
                lock (gate)
                {
                    return droppedCount;
                }
            }
        }

        /// <summary>The sequence the next committed reading will get.</summary>
        public uint NextSequence
        {
            get
            {
                lock (gate)
                {
                    return nextSequence;
                }
            }
        }

        /// <summary>Bytes of a torn tail discarded when the log was opened (0 after a clean shutdown).</summary>
        public int TornBytesDiscarded { get; private set; }

        /// <summary>
        /// Opens the outbox, replaying its log. Creates an empty one on first boot.
        /// </summary>
        /// <exception cref="OutboxCorruptException">The log exists but its header is unreadable.</exception>
        public static ReadingOutbox Open(IFlashStorage storage, int capacity)
        {
            return Open(storage, capacity, DefaultCompactAboveBytes);
        }

        /// <summary>Opens the outbox, compacting its log whenever it grows beyond <paramref name="compactAboveBytes"/>.</summary>
        /// <exception cref="OutboxCorruptException">The log exists but its header is unreadable.</exception>
        public static ReadingOutbox Open(IFlashStorage storage, int capacity, int compactAboveBytes)
        {
            var outbox = new ReadingOutbox(storage, capacity, compactAboveBytes);
            byte[] log = AtomicFile.Read(storage, FileName);
            if (log == null)
            {
                outbox.Compact();
                return outbox;
            }

            outbox.Replay(log);
            if (outbox.TornBytesDiscarded > 0)
            {
                outbox.Compact();
            }

            return outbox;
        }

        /// <summary>
        /// Commits a reading. When the outbox is full, a reading the device keeps is refused (it stays on the device), and
        /// a reading that exists nowhere else displaces the oldest such reading; only when there is none is it dropped.
        /// Every drop is counted.
        /// </summary>
        /// <param name="payload">The encoded reading.</param>
        /// <param name="deviceKeepsRecords">True when the device keeps the reading in its own memory.</param>
        /// <param name="sequence">The outbox sequence given to the reading, when committed.</param>
        public OutboxAppendResult Append(byte[] payload, bool deviceKeepsRecords, out uint sequence)
        {
            lock (gate)
            {
                sequence = 0;
                OutboxEntry displaced = null;
                if (pending.Count >= capacity)
                {
                    if (deviceKeepsRecords)
                    {
                        return OutboxAppendResult.FullKeptOnDevice;
                    }

                    displaced = OldestUnitOnlyEntry();
                    if (displaced == null)
                    {
                        AppendEntry(new OutboxLogEntry(OutboxEntryType.Dropped, NoSequence, new byte[0]));
                        droppedCount++;
                        CompactIfLarge();
                        return OutboxAppendResult.Dropped;
                    }
                }

                sequence = nextSequence;
                OutboxEntryType type = deviceKeepsRecords ? OutboxEntryType.ReadingKeptOnDevice : OutboxEntryType.ReadingUnitOnly;
                AppendEntry(new OutboxLogEntry(type, sequence, payload));
                nextSequence++;
                pending.Add(new OutboxEntry(sequence, payload, deviceKeepsRecords));
                if (displaced == null)
                {
                    return OutboxAppendResult.Committed;
                }

                // The new reading is committed before the old one is marked dropped, so a power cut in between leaves one
                // reading too many rather than one lost uncounted.
                AppendEntry(new OutboxLogEntry(OutboxEntryType.Dropped, displaced.Sequence, new byte[0]));
                pending.Remove(displaced);
                droppedCount++;
                CompactIfLarge();
                return OutboxAppendResult.CommittedAfterDroppingOldest;
            }
        }

        /// <summary>
        /// The oldest waiting readings with consecutive sequences, at most <paramref name="max"/>: what one uplink frame
        /// carries (a frame names its first sequence and its count).
        /// </summary>
        public OutboxEntry[] PeekRun(int max)
        {
            lock (gate)
            {
                int run = 0;
                while (run < pending.Count && run < max)
                {
                    var entry = (OutboxEntry)pending[run];
                    if (run > 0 && entry.Sequence != ((OutboxEntry)pending[run - 1]).Sequence + 1)
                    {
                        break;
                    }

                    run++;
                }

                var result = new OutboxEntry[run];
                for (int i = 0; i < run; i++)
                {
                    result[i] = (OutboxEntry)pending[i];
                }

                return result;
            }
        }

        /// <summary>Every waiting reading, oldest first (for the status page and diagnostics).</summary>
        public OutboxEntry[] Snapshot()
        {
            lock (gate)
            {
                var result = new OutboxEntry[pending.Count];
                pending.CopyTo(result);
                return result;
            }
        }

        /// <summary>
        /// Records the gateway's PUBACK for the readings <paramref name="firstSequence"/> .. +<paramref name="count"/>-1
        /// and removes them. Sequences not waiting (a repeated PUBACK) are ignored.
        /// </summary>
        public void Acknowledge(uint firstSequence, int count)
        {
            lock (gate)
            {
                var countBytes = new byte[] { (byte)count, (byte)(count >> 8) };
                AppendEntry(new OutboxLogEntry(OutboxEntryType.Acknowledged, firstSequence, countBytes));
                RemoveRange(firstSequence, count);
                CompactIfLarge();
            }
        }

        /// <summary>
        /// Removes one reading that moved to the dead-letter file. It is logged as an acknowledgement of that one
        /// sequence, so a log written by this firmware still replays under an older one.
        /// </summary>
        public void Remove(uint sequence)
        {
            Acknowledge(sequence, 1);
        }

        private void Replay(byte[] log)
        {
            OutboxLogEntry header = OutboxLogEntry.TryRead(log, 0);
            if (header == null || header.Type != OutboxEntryType.Header || header.Payload.Length < 8)
            {
                throw new OutboxCorruptException("outbox.log: header unreadable, the next outbox sequence is unknown");
            }

            nextSequence = OutboxLogEntry.ReadUInt32(header.Payload, 0);
            droppedCount = OutboxLogEntry.ReadUInt32(header.Payload, 4);
            int offset = header.Length;
            OutboxLogEntry entry;
            while ((entry = OutboxLogEntry.TryRead(log, offset)) != null)
            {
                Apply(entry);
                offset += entry.Length;
            }

            logLength = offset;
            TornBytesDiscarded = log.Length - offset;
        }

        private void Apply(OutboxLogEntry entry)
        {
            switch (entry.Type)
            {
                case OutboxEntryType.ReadingKeptOnDevice:
                case OutboxEntryType.ReadingUnitOnly:
                    pending.Add(new OutboxEntry(entry.Sequence, entry.Payload, entry.Type == OutboxEntryType.ReadingKeptOnDevice));
                    if (entry.Sequence >= nextSequence)
                    {
                        nextSequence = entry.Sequence + 1;
                    }

                    break;
                case OutboxEntryType.Acknowledged:
                    RemoveRange(entry.Sequence, entry.Payload[0] | (entry.Payload[1] << 8));
                    break;
                case OutboxEntryType.Dropped:
                    droppedCount++;
                    if (entry.Sequence != NoSequence)
                    {
                        RemoveRange(entry.Sequence, 1);
                    }

                    break;
            }
        }

        private void RemoveRange(uint firstSequence, int count)
        {
            uint end = firstSequence + (uint)count;
            for (int i = pending.Count - 1; i >= 0; i--)
            {
                uint sequence = ((OutboxEntry)pending[i]).Sequence;
                if (sequence >= firstSequence && sequence < end)
                {
                    pending.RemoveAt(i);
                }
            }
        }

        private OutboxEntry OldestUnitOnlyEntry()
        {
            for (int i = 0; i < pending.Count; i++)
            {
                var entry = (OutboxEntry)pending[i];
                if (!entry.DeviceKeepsRecords)
                {
                    return entry;
                }
            }

            return null;
        }

        private void AppendEntry(OutboxLogEntry entry)
        {
            byte[] bytes = entry.ToBytes();
            storage.Append(FileName, bytes, 0, bytes.Length);
            logLength += bytes.Length;
        }

        private void CompactIfLarge()
        {
            // Rewrite only when most of a large log is dead entries: compacting a log that is mostly live readings would
            // rewrite the same bytes on every PUBACK and wear the flash out. An empty outbox compacts early: its log is
            // then just the header, the cheapest rewrite there is.
            int live = LiveBytes();
            if ((logLength > compactAboveBytes && logLength - live > logLength / 2) || (pending.Count == 0 && logLength > compactAboveBytes / 4))
            {
                Compact();
            }
        }

        private int LiveBytes()
        {
            int live = OutboxLogEntry.Overhead + 8;
            for (int i = 0; i < pending.Count; i++)
            {
                live += OutboxLogEntry.Overhead + ((OutboxEntry)pending[i]).Payload.Length;
            }

            return live;
        }

        private void Compact()
        {
            var headerPayload = new byte[8];
            OutboxLogEntry.WriteUInt32(headerPayload, 0, nextSequence);
            OutboxLogEntry.WriteUInt32(headerPayload, 4, droppedCount);
            byte[] header = new OutboxLogEntry(OutboxEntryType.Header, 0, headerPayload).ToBytes();

            int length = header.Length;
            var entries = new byte[pending.Count][];
            for (int i = 0; i < pending.Count; i++)
            {
                var entry = (OutboxEntry)pending[i];
                OutboxEntryType type = entry.DeviceKeepsRecords ? OutboxEntryType.ReadingKeptOnDevice : OutboxEntryType.ReadingUnitOnly;
                entries[i] = new OutboxLogEntry(type, entry.Sequence, entry.Payload).ToBytes();
                length += entries[i].Length;
            }

            var log = new byte[length];
            System.Array.Copy(header, 0, log, 0, header.Length);
            int offset = header.Length;
            for (int i = 0; i < entries.Length; i++)
            {
                System.Array.Copy(entries[i], 0, log, offset, entries[i].Length);
                offset += entries[i].Length;
            }

            AtomicFile.Replace(storage, FileName, log);
            logLength = length;
        }
    }
}
