namespace Dorset.Telehealth.HomeUnit.Sessions
{
    /// <summary>
    /// The status document's words for a <see cref="SessionResult"/> (firmware/PROTOCOL.md "Status"). Spelled out
    /// because an enum's ToString is its number on nanoFramework.
    /// </summary>
    public static class SessionResultNames
    {
        /// <summary>"completed", "unreachable", "bond-failed", "refused", "disconnected", "timed-out", "outbox-full", "device-error" or "unit-fault".</summary>
        public static string Name(SessionResult result)
        {
            switch (result)
            {
                case SessionResult.Completed: return "completed";
                case SessionResult.Unreachable: return "unreachable";
                case SessionResult.BondFailed: return "bond-failed";
                case SessionResult.Refused: return "refused";
                case SessionResult.Disconnected: return "disconnected";
                case SessionResult.TimedOut: return "timed-out";
                case SessionResult.OutboxFull: return "outbox-full";
                case SessionResult.UnitFault: return "unit-fault";
                default: return "device-error";
            }
        }
    }
}
