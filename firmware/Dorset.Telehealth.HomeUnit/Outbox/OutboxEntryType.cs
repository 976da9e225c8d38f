namespace Dorset.Telehealth.HomeUnit.Outbox
{
    /// <summary>The kinds of entry in the outbox log (firmware/HomeUnit README, "Outbox on flash").</summary>
    internal enum OutboxEntryType
    {
        /// <summary>First entry of every log: the next sequence and the dropped count, which must outlive compaction.</summary>
        Header = 1,

        /// <summary>A reading the device also keeps in its own memory.</summary>
        ReadingKeptOnDevice = 2,

        /// <summary>A reading that exists nowhere else.</summary>
        ReadingUnitOnly = 3,

        /// <summary>Readings acknowledged by the gateway: sequence = first, payload = count (u16).</summary>
        Acknowledged = 4,

        /// <summary>A reading dropped because the outbox was full: sequence = the one dropped, or none.</summary>
        Dropped = 5,

        /// <summary>
        /// An entry of the dead-letter file (<see cref="DeadLetterFile"/>), never of the outbox log: sequence = the
        /// reading's outbox sequence (0 when it never had one), payload = reason length (u8), reason (UTF-8), the bytes.
        /// </summary>
        DeadLetter = 6,
    }
}
