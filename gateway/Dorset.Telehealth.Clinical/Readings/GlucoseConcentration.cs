using System;
using System.Globalization;

namespace Dorset.Telehealth.Clinical.Readings;

/// <summary>A glucose reading's value in mmol/L, the UK unit every glucose threshold is written in.</summary>
public static class GlucoseConcentration
{
    /// <summary>mg/dL per mmol/L for glucose (clinical.md: molar mass 180.16 g/mol).</summary>
    public const decimal MilligramsPerDecilitrePerMillimole = 18.016m;

    /// <summary>
    /// The mmol/L value as sent, else the mg/dL value converted and cut (not rounded) to 0.001 mmol/L, else null.
    /// Thresholds are compared with this value, so 72 mg/dL (3.996 mmol/L) is below 4.0 although a meter showing one
    /// decimal would round it to 4.0: a hypo is never rounded away, and the alert shows the digits it was judged on.
    /// </summary>
    public static decimal? Millimolar(ClinicalReading reading)
    {
        MeasuredValue? molar = reading.Find(ReadingKinds.Glucose, "mmol/L");
        if (molar != null)
        {
            return molar.Value;
        }

        MeasuredValue? mass = reading.Find(ReadingKinds.Glucose, "mg/dL");
        if (mass == null)
        {
            return null;
        }

        decimal cut = Math.Round(mass.Value / MilligramsPerDecilitrePerMillimole, 3, MidpointRounding.ToZero);
        // Without trailing zeros, so that 3.940 reads as 3.94 like any other value.
        return decimal.Parse(cut.ToString("0.###", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>The value that stands for the reading in an alert: mmol/L as sent or converted.</summary>
    public static MeasuredValue? AsMeasured(ClinicalReading reading)
    {
        decimal? mmol = Millimolar(reading);
        return mmol.HasValue ? new MeasuredValue(ReadingKinds.Glucose, mmol.Value, "mmol/L") : null;
    }
}
