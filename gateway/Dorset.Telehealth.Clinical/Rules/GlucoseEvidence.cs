using System.Collections.Generic;
using System;
using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Clinical.Readings;
using Dorset.Telehealth.Protocol.Contract;

namespace Dorset.Telehealth.Clinical.Rules;

/// <summary>The evidence of a glucose alert: its mmol/L value, or the HI/LO flag when the meter sent no number.</summary>
internal static class GlucoseEvidence
{
    public static IReadOnlyList<Evidence> Of(ClinicalReading reading, MeasuredValue? glucose)
    {
        if (glucose != null)
        {
            return new[] { new Evidence(reading.Key, glucose.Name, glucose.ValueText, glucose.Unit, reading.TakenUtc) };
        }

        string flag = reading.Has(ReadingFlagNames.Low) ? "LO" : reading.Has(ReadingFlagNames.High) ? "HI" : "";
        return flag.Length == 0 ? Array.Empty<Evidence>() : new[] { new Evidence(reading.Key, ReadingKinds.Glucose, flag, "mmol/L", reading.TakenUtc) };
    }
}
