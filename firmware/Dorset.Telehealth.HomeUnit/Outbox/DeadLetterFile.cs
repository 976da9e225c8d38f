using System.Text;
using Dorset.Telehealth.HomeUnit.Storage;

namespace Dorset.Telehealth.HomeUnit.Outbox
{
    /// <summary>
    /// Where a reading goes that the unit cannot encode or its stored frame cannot decode (a firmware fault): an
    /// append-only file on flash of <see cref="OutboxLogEntry"/> records (type <see cref="OutboxEntryType.DeadLetter"/>),
    /// each with the reading's outbox sequence, the reason and the bytes, kept for whoever reads the unit's flash. The
    /// count is the status document's "deadLettered", so the hub sees it. A poison reading waits here instead of at the
    /// head of the outbox, where it would stop every reading behind it.
    /// </summary>
    public sealed class DeadLetterFile
    {
        /// <summary>The file's name on flash.</summary>
        public const string FileName = "deadletter.log";

        /// <summary>Past this size letters are still counted, but their bytes and reason are no longer kept.</summary>
        private const int KeepBytesUpTo = 32 * 1024;

        private const int MaxKeptPayload = 512;
        private const int MaxReasonBytes = 200;
        private readonly IFlashStorage storage;
        private readonly object gate = new object();
        private int length;
        private uint lastSequence;

        private DeadLetterFile(IFlashStorage storage)
        {
            this.storage = storage;
        }

        /// <summary>Letters over the unit's life.</summary>
        public int Count { get; private set; }

        /// <summary>Opens the file, counting its letters; a torn last letter (a power cut) is cut off.</summary>
        public static DeadLetterFile Open(IFlashStorage storage)
        {
            var file = new DeadLetterFile(storage);
            byte[] log = storage.ReadAll(FileName);
            if (log == null)
            {
                return file;
            }

            int offset = 0;
            OutboxLogEntry entry;
            while ((entry = OutboxLogEntry.TryRead(log, offset)) != null && entry.Type == OutboxEntryType.DeadLetter)
            {
                file.Count++;
                file.lastSequence = entry.Sequence;
                offset += entry.Length;
            }

            file.length = offset;
            if (offset < log.Length)
            {
                // Never append behind damaged bytes: they would hide every later letter from the next count.
                var intact = new byte[offset];
                System.Array.Copy(log, intact, offset);
                AtomicFile.Replace(storage, FileName, intact);
            }

            return file;
        }

        /// <summary>True when the last letter is outbox sequence <paramref name="sequence"/>: moved, but a power cut kept it in the outbox too.</summary>
        public bool EndsWith(uint sequence)
        {
            lock (gate)
            {
                return Count > 0 && sequence != 0 && lastSequence == sequence;
            }
        }

        /// <summary>Adds a letter (durable when it returns): outbox sequence (0 for none), the bytes, and why.</summary>
        public void Add(uint sequence, byte[] bytes, string reason)
        {
            lock (gate)
            {
                bool keep = length < KeepBytesUpTo;
                byte[] why = keep ? Encoding.UTF8.GetBytes(reason == null ? string.Empty : reason) : new byte[0];
                int whyLength = why.Length > MaxReasonBytes ? MaxReasonBytes : why.Length;
                int kept = !keep || bytes == null ? 0 : bytes.Length > MaxKeptPayload ? MaxKeptPayload : bytes.Length;
                var payload = new byte[1 + whyLength + kept];
                payload[0] = (byte)whyLength;
                System.Array.Copy(why, 0, payload, 1, whyLength);
                if (kept > 0)
                {
                    System.Array.Copy(bytes, 0, payload, 1 + whyLength, kept);
                }

                byte[] entry = new OutboxLogEntry(OutboxEntryType.DeadLetter, sequence, payload).ToBytes();
                storage.Append(FileName, entry, 0, entry.Length);
                length += entry.Length;
                lastSequence = sequence;
                Count++;
            }
        }
    }
}
