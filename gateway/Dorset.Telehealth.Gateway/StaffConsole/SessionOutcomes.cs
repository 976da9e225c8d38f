using System.Collections.Generic;

namespace Dorset.Telehealth.Gateway.StaffConsole;

/// <summary>What each way a unit's last attempt to read a device can end means, in staff's words (firmware/PROTOCOL.md "Status", "sessions").</summary>
public static class SessionOutcomes
{
    private static readonly Dictionary<string, string> s_meanings = new()
    {
        ["completed"] = "read successfully",
        ["unreachable"] = "not in range or switched off (normal between uses)",
        ["bond-failed"] = "it demanded a bond the unit could not make, e.g. a meter that wants a PIN typed in",
        ["refused"] = "it refused the unit's requests",
        ["disconnected"] = "the connection dropped during the read",
        ["timed-out"] = "it stopped answering during the read",
        ["outbox-full"] = "the unit's outbox is full, so the meter's records wait on the meter",
        ["device-error"] = "the device reported an error",
    };

    /// <summary>The meaning of <paramref name="outcome"/>, or a sentence saying the unit has not tried yet.</summary>
    public static string Meaning(string? outcome) =>
        outcome == null ? "not tried yet" : s_meanings.TryGetValue(outcome, out string? meaning) ? meaning : "an outcome this hub does not know";
}
