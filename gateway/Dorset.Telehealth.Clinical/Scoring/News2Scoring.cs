namespace Dorset.Telehealth.Clinical.Scoring;

/// <summary>
/// NEWS2 parameter scores (Royal College of Physicians, 2017; clinical.md) for what a home unit measures. The chart's
/// bands are whole numbers; a device's fractional value falls into the band whose upper bound it does not exceed
/// (SpO2 91.5 % scores as 92-93), so no value falls between bands.
/// </summary>
public static class News2Scoring
{
    /// <summary>SpO2 on scale 1: &lt;=91 → 3, 92-93 → 2, 94-95 → 1, &gt;=96 → 0.</summary>
    public static int Spo2Scale1(decimal spo2) => spo2 <= 91 ? 3 : spo2 <= 93 ? 2 : spo2 <= 95 ? 1 : 0;

    /// <summary>
    /// SpO2 on scale 2 (prescribed target 88-92 %): &lt;=83 → 3, 84-85 → 2, 86-87 → 1, 88-92 → 0; at or above 93 it scores 0
    /// on air, and 1 (93-94), 2 (95-96), 3 (&gt;=97) on oxygen, because too much oxygen harms these patients.
    /// </summary>
    public static int Spo2Scale2(decimal spo2, bool onOxygen)
    {
        if (spo2 <= 83) { return 3; }
        if (spo2 <= 85) { return 2; }
        if (spo2 <= 87) { return 1; }
        if (spo2 <= 92 || !onOxygen) { return 0; }
        return spo2 <= 94 ? 1 : spo2 <= 96 ? 2 : 3;
    }

    /// <summary>Pulse: &lt;=40 → 3, 41-50 → 1, 51-90 → 0, 91-110 → 1, 111-130 → 2, &gt;=131 → 3.</summary>
    public static int Pulse(decimal pulse) =>
        pulse <= 40 ? 3 : pulse <= 50 ? 1 : pulse <= 90 ? 0 : pulse <= 110 ? 1 : pulse <= 130 ? 2 : 3;

    /// <summary>Systolic: &lt;=90 → 3, 91-100 → 2, 101-110 → 1, 111-219 → 0, &gt;=220 → 3.</summary>
    public static int Systolic(decimal systolic) =>
        systolic <= 90 ? 3 : systolic <= 100 ? 2 : systolic <= 110 ? 1 : systolic <= 219 ? 0 : 3;

    /// <summary>Supplemental oxygen scores 2; air 0.</summary>
    public static int Oxygen(bool onOxygen) => onOxygen ? 2 : 0;
}
