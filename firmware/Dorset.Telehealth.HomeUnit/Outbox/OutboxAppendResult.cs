namespace Dorset.Telehealth.HomeUnit.Outbox
{
    /// <summary>What happened to a reading offered to the outbox.</summary>
    public enum OutboxAppendResult
    {
        /// <summary>Committed to flash.</summary>
        Committed,

        /// <summary>
        /// Committed to flash after the oldest reading from a device without memory was dropped to make room (counted in
        /// <see cref="ReadingOutbox.DroppedCount"/>).
        /// </summary>
        CommittedAfterDroppingOldest,

        /// <summary>
        /// Not committed: the outbox is full and the reading stays in the device's memory. The caller must not advance
        /// the device's last sequence, so it is fetched again once the outbox drains.
        /// </summary>
        FullKeptOnDevice,

        /// <summary>
        /// Not committed and lost: the outbox is full of readings that devices keep, and this device keeps none. Counted
        /// in <see cref="ReadingOutbox.DroppedCount"/>.
        /// </summary>
        Dropped,

        /// <summary>
        /// Not committed: the reading cannot be encoded (a firmware fault), so it went to the dead-letter file instead,
        /// counted in the status. The device's progress moves past it, so it does not come back at every session.
        /// </summary>
        DeadLettered,
    }
}
