using System.Collections.Generic;
using Dorset.Telehealth.Protocol.Contract;

namespace Dorset.Telehealth.Gateway.StaffConsole;

/// <summary>What each way a unit's last attempt to read a device can end means, in staff's words (firmware/PROTOCOL.md "Status", "sessions").</summary>
public static class SessionOutcomes
{
    private static readonly Dictionary<string, string> s_meanings = new()
    {
        [SessionOutcomeNames.Completed] = "read successfully",
        [SessionOutcomeNames.Unreachable] = "not in range or switched off (normal between uses)",
        [SessionOutcomeNames.BondFailed] = "it demanded a bond the unit could not make, e.g. a meter that wants a PIN typed in",
        [SessionOutcomeNames.Refused] = "it refused the unit's requests",
        [SessionOutcomeNames.Disconnected] = "the connection dropped during the read",
        [SessionOutcomeNames.TimedOut] = "it stopped answering during the read",
        [SessionOutcomeNames.OutboxFull] = "the unit's outbox is full, so the meter's records wait on the meter",
        [SessionOutcomeNames.DeviceError] = "the device reported an error",
        [SessionOutcomeNames.UnitFault] = "the unit's own Bluetooth stack failed during the read (its LED shows the fault)",
    };

    /// <summary>The meaning of <paramref name="outcome"/>, or a sentence saying the unit has not tried yet.</summary>
    public static string Meaning(string? outcome) =>
        outcome == null ? "not tried yet" : s_meanings.TryGetValue(outcome, out string? meaning) ? meaning : "an outcome this hub does not know";
}
