using System.Collections.Generic;
using System.Linq;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Protocol.Contract;
using Dorset.Telehealth.Protocol.Uplink;

namespace Dorset.Telehealth.Gateway.Ingest;

/// <summary>
/// A weight scale in a shared home weighs everyone, and says whom by its user index. When the hub staff recorded the
/// patient's index for the scale (`units pair --scale-user N`), a weight from any other index, or from an unknown user
/// (255) or with no index at all, is flagged "other-user": stored and forwarded (nothing is dropped), but never
/// attributed to the patient by the cloud and never an alert (hazard H19). Without a recorded index every weight is
/// taken as the patient's, as for a scale that only the patient uses.
/// </summary>
public static class SharedScaleAttribution
{
    /// <summary>The flag, in the cloud contract's words (cloud/README.md "flags").</summary>
    public const string OtherUserFlag = ReadingFlagNames.OtherUser;

    private static readonly string Weight = ReadingValueNames.KindName(ReadingKind.Weight);

    /// <summary><paramref name="reading"/>, flagged when it is another user's weight on the patient's shared scale.</summary>
    public static IncomingReading Apply(IncomingReading reading, PairedDevice? device)
    {
        if (reading.Kind != Weight || device?.ScaleUser is not int patient || reading.ScaleUserId == patient
            || reading.Flags.Contains(OtherUserFlag))
        {
            return reading;
        }

        return reading with { Flags = new List<string>(reading.Flags) { OtherUserFlag } };
    }
}
