using System;

namespace Dorset.Telehealth.Clinical.Readings;

/// <summary>A glucose reading's value in mmol/L, the UK unit every glucose threshold is written in.</summary>
public static class GlucoseConcentration
{
    /// <summary>mg/dL per mmol/L for glucose (clinical.md: molar mass 180.16 g/mol).</summary>
    public const decimal MilligramsPerDecilitrePerMillimole = 18.016m;

    /// <summary>The mmol/L value as sent, else the mg/dL value converted (to 0.1 mmol/L), else null.</summary>
    public static decimal? Millimolar(ClinicalReading reading)
    {
        MeasuredValue? molar = reading.Find(ReadingKinds.Glucose, "mmol/L");
        if (molar != null)
        {
            return molar.Value;
        }

        MeasuredValue? mass = reading.Find(ReadingKinds.Glucose, "mg/dL");
        return mass == null ? null : Math.Round(mass.Value / MilligramsPerDecilitrePerMillimole, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>The value that stands for the reading in an alert: mmol/L as sent or converted.</summary>
    public static MeasuredValue? AsMeasured(ClinicalReading reading)
    {
        decimal? mmol = Millimolar(reading);
        return mmol.HasValue ? new MeasuredValue(ReadingKinds.Glucose, mmol.Value, "mmol/L") : null;
    }
}
