using Dorset.Telehealth.Protocol.Checksums;

namespace Dorset.Telehealth.HomeUnit.Outbox
{
    /// <summary>
    /// One entry of the append-only outbox log, byte by byte:
    /// <code>
    /// 0      magic 0xD5
    /// 1      type (OutboxEntryType)
    /// 2..3   payload length L, u16 little-endian
    /// 4..7   sequence, u32 little-endian
    /// 8..    payload (L bytes)
    /// 8+L    CRC-32 (IEEE) of bytes 0 .. 8+L-1, u32 little-endian
    /// 12+L   commit mark 0xA5
    /// </code>
    /// The commit mark is written in the same append as the rest, after it: an entry without it, or whose CRC does not
    /// match, is a torn write from a power cut and ends the log.
    /// </summary>
    internal sealed class OutboxLogEntry
    {
        internal const int Overhead = 13;
        private const byte Magic = 0xD5;
        private const byte CommitMark = 0xA5;
        private const int MaxPayload = 0xFFFF;

        internal OutboxLogEntry(OutboxEntryType type, uint sequence, byte[] payload)
        {
            Type = type;
            Sequence = sequence;
            Payload = payload;
        }

        internal OutboxEntryType Type { get; private set; }

        internal uint Sequence { get; private set; }

        internal byte[] Payload { get; private set; }

        internal int Length
        {
            get { return Overhead + Payload.Length; }
        }

        /// <summary>The entry's bytes, commit mark included.</summary>
        internal byte[] ToBytes()
        {
            if (Payload.Length > MaxPayload)
            {
                throw new System.ArgumentException("an outbox payload is at most 65535 bytes");
            }

            var bytes = new byte[Length];
            bytes[0] = Magic;
            bytes[1] = (byte)Type;
            bytes[2] = (byte)Payload.Length;
            bytes[3] = (byte)(Payload.Length >> 8);
            WriteUInt32(bytes, 4, Sequence);
            System.Array.Copy(Payload, 0, bytes, 8, Payload.Length);
            WriteUInt32(bytes, 8 + Payload.Length, Crc32.Compute(bytes, 0, 8 + Payload.Length));
            bytes[bytes.Length - 1] = CommitMark;
            return bytes;
        }

        /// <summary>
        /// Reads the entry at <paramref name="offset"/>, or returns null when the bytes there are not a whole, committed,
        /// intact entry (the torn tail of a power cut, or the end of the log).
        /// </summary>
        internal static OutboxLogEntry TryRead(byte[] log, int offset)
        {
            int available = log.Length - offset;
            if (available < Overhead || log[offset] != Magic)
            {
                return null;
            }

            int payloadLength = log[offset + 2] | (log[offset + 3] << 8);
            if (available < Overhead + payloadLength || log[offset + Overhead - 1 + payloadLength] != CommitMark)
            {
                return null;
            }

            uint storedCrc = ReadUInt32(log, offset + 8 + payloadLength);
            if (storedCrc != Crc32.Compute(log, offset, 8 + payloadLength))
            {
                return null;
            }

            int type = log[offset + 1];
            if (type < (int)OutboxEntryType.Header || type > (int)OutboxEntryType.DeadLetter)
            {
                return null;
            }

            var payload = new byte[payloadLength];
            System.Array.Copy(log, offset + 8, payload, 0, payloadLength);
            return new OutboxLogEntry((OutboxEntryType)type, ReadUInt32(log, offset + 4), payload);
        }

        internal static void WriteUInt32(byte[] bytes, int offset, uint value)
        {
            bytes[offset] = (byte)value;
            bytes[offset + 1] = (byte)(value >> 8);
            bytes[offset + 2] = (byte)(value >> 16);
            bytes[offset + 3] = (byte)(value >> 24);
        }

        internal static uint ReadUInt32(byte[] bytes, int offset)
        {
            return (uint)(bytes[offset] | (bytes[offset + 1] << 8) | (bytes[offset + 2] << 16) | (bytes[offset + 3] << 24));
        }
    }
}
