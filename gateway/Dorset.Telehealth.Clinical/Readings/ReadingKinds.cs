using Dorset.Telehealth.Protocol.Uplink;

namespace Dorset.Telehealth.Clinical.Readings;

/// <summary>The reading kinds and value names the rules read, spelled once by the Protocol library.</summary>
public static class ReadingKinds
{
    /// <summary>glucose.</summary>
    public static readonly string Glucose = ReadingValueNames.KindName(ReadingKind.Glucose);

    /// <summary>pulse-oximetry.</summary>
    public static readonly string PulseOximetry = ReadingValueNames.KindName(ReadingKind.PulseOximetry);

    /// <summary>weight.</summary>
    public static readonly string Weight = ReadingValueNames.KindName(ReadingKind.Weight);

    /// <summary>blood-pressure.</summary>
    public static readonly string BloodPressure = ReadingValueNames.KindName(ReadingKind.BloodPressure);

    /// <summary>spo2 (%).</summary>
    public static readonly string Spo2 = ReadingValueNames.ValueName(ReadingKind.PulseOximetry, 0);

    /// <summary>pulse (/min), from an oximeter or a cuff.</summary>
    public static readonly string Pulse = ReadingValueNames.ValueName(ReadingKind.PulseOximetry, 1);

    /// <summary>systolic (mmHg).</summary>
    public static readonly string Systolic = ReadingValueNames.ValueName(ReadingKind.BloodPressure, 0);
}
