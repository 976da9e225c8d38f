using System;
using System.Globalization;

namespace Dorset.Telehealth.Gateway.Ingest;

/// <summary>
/// The default red thresholds of clinical.md that the hub sounds its buzzer for: glucose &lt; 4.0 or &gt; 20.0 mmol/L,
/// SpO2 &lt;= 92 % (home oximetry pathway "urgent"), pulse &lt;= 40 or &gt;= 131 /min and systolic &lt;= 90 or &gt;= 220 mmHg
/// (NEWS2 single-parameter score 3). Readings flagged implausible never raise an alert (clinical.md, opening section),
/// nor do readings that are not the patient's: control solution, invalid, questionable, demonstration, testing, errors,
/// and another user of a shared scale.
/// </summary>
public static class RedAlertRules
{
    private static readonly string[] NotPatientData = ["control-solution", "invalid", "questionable", "demo", "testing", "error-record", SharedScaleAttribution.OtherUserFlag];

    /// <summary>The rule that fired, or null.</summary>
    public static string? Evaluate(IncomingReading reading)
    {
        foreach (string flag in reading.Flags)
        {
            if (Array.IndexOf(NotPatientData, flag) >= 0)
            {
                return null;
            }
        }

        foreach (ReadingValue value in reading.Values)
        {
            if (!decimal.TryParse(value.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal v))
            {
                continue;
            }

            string unit = value.Unit;
            if (unit.Equals("mmol/L", StringComparison.OrdinalIgnoreCase) && (v < 4.0m || v > 20.0m))
            {
                return v < 4.0m ? "glucose < 4.0 mmol/L" : "glucose > 20.0 mmol/L";
            }

            if (unit.Equals("mg/dL", StringComparison.OrdinalIgnoreCase) && (v < 72m || v > 360m))
            {
                return v < 72m ? "glucose < 4.0 mmol/L" : "glucose > 20.0 mmol/L";
            }

            if (unit == "%" && v <= 92m)
            {
                return "SpO2 <= 92 %";
            }

            if ((unit == "/min" || unit.Equals("bpm", StringComparison.OrdinalIgnoreCase)) && (v <= 40m || v >= 131m))
            {
                return v <= 40m ? "pulse <= 40 /min" : "pulse >= 131 /min";
            }

            if ((unit == "mmHg" || unit == "mm[Hg]") && value.Name.Contains("systolic", StringComparison.OrdinalIgnoreCase) && (v <= 90m || v >= 220m))
            {
                return v <= 90m ? "systolic <= 90 mmHg" : "systolic >= 220 mmHg";
            }
        }

        return null;
    }
}
