namespace Dorset.Telehealth.HomeUnit.Sessions
{
    /// <summary>How a device session ended. Every reading committed before the end stays committed.</summary>
    public enum SessionResult
    {
        /// <summary>The device delivered what it had (or had nothing new).</summary>
        Completed,

        /// <summary>No connection could be made (out of range, switched off).</summary>
        Unreachable,

        /// <summary>The device demanded a bond and bonding failed.</summary>
        BondFailed,

        /// <summary>A subscription or control point write was refused.</summary>
        Refused,

        /// <summary>The device disconnected before it finished; the next session resumes after the last committed record.</summary>
        Disconnected,

        /// <summary>The device stopped answering.</summary>
        TimedOut,

        /// <summary>The outbox is full; the remaining records wait on the device.</summary>
        OutboxFull,

        /// <summary>The device answered the control point with an error response code.</summary>
        DeviceError,

        /// <summary>
        /// The unit itself failed during the attempt (its Bluetooth stack or an adapter threw): not the device's fault,
        /// and not normal, so hub staff see it.
        /// </summary>
        UnitFault,
    }
}
