namespace Dorset.Telehealth.Protocol.Contract
{
    /// <summary>
    /// How the last attempt to read a paired device ended, as the status document's "sessions" entries name it
    /// (firmware/PROTOCOL.md "Status"), and which of those need someone at the hub to act.
    /// </summary>
    public static class SessionOutcomeNames
    {
        /// <summary>The device delivered what it had.</summary>
        public const string Completed = "completed";

        /// <summary>Not in range or off: normal between uses.</summary>
        public const string Unreachable = "unreachable";

        /// <summary>The device demanded a bond the unit could not make.</summary>
        public const string BondFailed = "bond-failed";

        /// <summary>A subscription or control point write was refused.</summary>
        public const string Refused = "refused";

        /// <summary>The device went away mid-session.</summary>
        public const string Disconnected = "disconnected";

        /// <summary>The device stopped answering, or the session used up its budget.</summary>
        public const string TimedOut = "timed-out";

        /// <summary>The outbox is full; a meter's records wait on the meter.</summary>
        public const string OutboxFull = "outbox-full";

        /// <summary>The device answered with an error (or an unknown) response code.</summary>
        public const string DeviceError = "device-error";

        /// <summary>The unit's own Bluetooth stack failed during the attempt.</summary>
        public const string UnitFault = "unit-fault";

        /// <summary>Every outcome.</summary>
        public static readonly string[] All = { Completed, Unreachable, BondFailed, Refused, Disconnected, TimedOut, OutboxFull, DeviceError, UnitFault };

        /// <summary>
        /// The outcomes hub staff must see. Unreachable, disconnected and timed-out are not among them: health devices
        /// sleep between uses, so those are what a unit sees most of the day.
        /// </summary>
        public static readonly string[] NeedingAction = { BondFailed, Refused, DeviceError, OutboxFull, UnitFault };

        /// <summary>True for an outcome that needs someone to act.</summary>
        public static bool NeedsAction(string outcome)
        {
            for (int i = 0; i < NeedingAction.Length; i++)
            {
                if (NeedingAction[i] == outcome)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
