using Dorset.Telehealth.Protocol.Contract;

namespace Dorset.Telehealth.HomeUnit.Sessions
{
    /// <summary>
    /// The status document's word for a <see cref="SessionResult"/> (<see cref="SessionOutcomeNames"/>, the contract's
    /// copy the gateway also reads). Spelled out because an enum's ToString is its number on nanoFramework.
    /// </summary>
    public static class SessionResultNames
    {
        /// <summary>The outcome's name in the status document.</summary>
        public static string Name(SessionResult result)
        {
            switch (result)
            {
                case SessionResult.Completed: return SessionOutcomeNames.Completed;
                case SessionResult.Unreachable: return SessionOutcomeNames.Unreachable;
                case SessionResult.BondFailed: return SessionOutcomeNames.BondFailed;
                case SessionResult.Refused: return SessionOutcomeNames.Refused;
                case SessionResult.Disconnected: return SessionOutcomeNames.Disconnected;
                case SessionResult.TimedOut: return SessionOutcomeNames.TimedOut;
                case SessionResult.OutboxFull: return SessionOutcomeNames.OutboxFull;
                case SessionResult.UnitFault: return SessionOutcomeNames.UnitFault;
                default: return SessionOutcomeNames.DeviceError;
            }
        }
    }
}
