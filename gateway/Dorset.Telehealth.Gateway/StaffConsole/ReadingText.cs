using System.Linq;
using Dorset.Telehealth.Gateway.Storage;

namespace Dorset.Telehealth.Gateway.StaffConsole;

/// <summary>A stored reading as the console's pages word it: each value with its unit, when it was taken and received (UK time).</summary>
public static class ReadingText
{
    /// <summary>e.g. "glucose 5.6 mmol/L" or "SpO2 97 %, pulse 64 bpm", with its flags in brackets.</summary>
    public static string Values(ExportedReading reading) =>
        string.Join(", ", reading.Values.Select(v => v.Name + " " + v.Value + " " + v.Unit))
        + (reading.Flags.Count > 0 ? " [" + string.Join(", ", reading.Flags) + "]" : "");

    /// <summary>The device's own time as it sent it, else the unit's receipt time, each saying whose clock it is.</summary>
    public static string Taken(ExportedReading reading) =>
        reading.DeviceTime != null ? reading.DeviceTime.Replace('T', ' ') + " (device clock)"
        : reading.UnitReceiptTime != null ? UkTime.Show(Timestamp.Parse(reading.UnitReceiptTime)) + (reading.ClockSynced ? " (unit clock)" : " (unit clock, NOT synchronised)")
        : "at an unknown time";

    /// <summary>When the hub stored it, UK time.</summary>
    public static string Received(ExportedReading reading) => UkTime.Show(Timestamp.Parse(reading.ReceivedUtc));
}
