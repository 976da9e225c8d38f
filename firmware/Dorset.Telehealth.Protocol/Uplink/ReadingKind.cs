namespace Dorset.Telehealth.Protocol.Uplink
{
    /// <summary>What an uplink reading measures; the high nibble of its first byte (firmware/PROTOCOL.md).</summary>
    public enum ReadingKind
    {
        /// <summary>Blood glucose: one value, mg/dL (or mmol/L with the alternate-unit flag).</summary>
        Glucose = 1,

        /// <summary>Pulse oximetry: SpO2 % and pulse /min.</summary>
        PulseOximetry = 2,

        /// <summary>Body weight: kg (or lb with the alternate-unit flag).</summary>
        Weight = 3,

        /// <summary>Blood pressure: systolic, diastolic, mean arterial pressure in mmHg (or kPa), and optionally pulse /min.</summary>
        BloodPressure = 4,
    }
}
