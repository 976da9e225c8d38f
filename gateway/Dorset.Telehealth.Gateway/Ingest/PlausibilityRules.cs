using System;
using System.Collections.Generic;
using System.Globalization;

namespace Dorset.Telehealth.Gateway.Ingest;

/// <summary>
/// Ranges outside which a value is physiologically implausible or a device/transport fault is likelier than a true
/// reading. Such readings are stored with a flag, never dropped (issue 4 §3): a clinician decides, not the gateway.
/// These are not alert thresholds (those are in Dorset.Telehealth.Clinical; see clinical.md).
/// </summary>
public static class PlausibilityRules
{
    // Bounds by unit because the frame carries fixed units per quantity (firmware/PROTOCOL.md).
    private static readonly Dictionary<string, (decimal Min, decimal Max)> s_byUnit = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mmol/L"] = (0.5m, 50m),
        ["mg/dL"] = (10m, 900m),
        ["%"] = (50m, 100m),
        ["/min"] = (20m, 300m),
        ["bpm"] = (20m, 300m),
        ["kg"] = (2m, 350m),
        ["mmHg"] = (20m, 300m),
        ["mm[Hg]"] = (20m, 300m),
        ["kPa"] = (2.6m, 40m),
    };

    /// <summary>
    /// Null when every value is plausible; otherwise a sentence naming each value out of range, e.g.
    /// "spo2 130 % outside 50..100".
    /// </summary>
    public static string? Check(IncomingReading reading, DateTimeOffset receivedUtc)
    {
        var problems = new List<string>();
        foreach (ReadingValue value in reading.Values)
        {
            if (!decimal.TryParse(value.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number))
            {
                // NaN, NRes and infinities are the device saying "no valid value" (IEEE 11073-20601 special values).
                problems.Add($"{value.Name} is {value.Value}");
                continue;
            }

            if (s_byUnit.TryGetValue(value.Unit, out var range) && (number < range.Min || number > range.Max))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{value.Name} {value.Value} {value.Unit} outside {range.Min}..{range.Max}"));
            }
        }

        if (reading.UnitReceiptTime != null
            && DateTimeOffset.TryParse(reading.UnitReceiptTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var unitTime)
            && unitTime > receivedUtc.AddDays(1))
        {
            problems.Add($"unit receipt time {reading.UnitReceiptTime} is in the future");
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }
}
