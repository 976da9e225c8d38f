using System.Collections.Generic;
using System.Linq;
using Dorset.Telehealth.Emulator.VirtualDevices;

namespace Dorset.Telehealth.Demo.Alerts;

/// <summary>
/// The rules the fleet's script makes the hub raise (see <see cref="ReadingScript"/>): every home's hypo, SpO2 of 90 %
/// and weight gain, and stale-device when some home's cuff falls silent (fleet unit i has seed 1 + i).
/// </summary>
public static class ExpectedAlerts
{
    /// <summary>The rule ids a fleet of <paramref name="units"/> raises.</summary>
    public static IReadOnlyList<string> Rules(int units)
    {
        var rules = new List<string> { "home-oximetry-spo2", "glucose-low", "hf-weight-gain" };
        if (Enumerable.Range(1, units).Any(seed => new ReadingScript(seed).CuffFallsSilent))
        {
            rules.Add("stale-device");
        }

        return rules;
    }
}
