namespace Dorset.Telehealth.HomeUnit.Outbox
{
    /// <summary>One reading waiting in the outbox for the gateway's PUBACK.</summary>
    public sealed class OutboxEntry
    {
        /// <summary>Creates an entry.</summary>
        public OutboxEntry(uint sequence, byte[] payload, bool deviceKeepsRecords)
        {
            Sequence = sequence;
            Payload = payload;
            DeviceKeepsRecords = deviceKeepsRecords;
        }

        /// <summary>The unit's outbox sequence: unique per unit for its whole life, never reused.</summary>
        public uint Sequence { get; private set; }

        /// <summary>The encoded reading (an uplink frame reading, see firmware/PROTOCOL.md).</summary>
        public byte[] Payload { get; private set; }

        /// <summary>
        /// True when the reading also stays in the measuring device's own memory (a glucose meter's records), so that
        /// a full outbox can leave it there rather than drop anything.
        /// </summary>
        public bool DeviceKeepsRecords { get; private set; }
    }
}
