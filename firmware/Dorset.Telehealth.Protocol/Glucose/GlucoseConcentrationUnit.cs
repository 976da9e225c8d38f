namespace Dorset.Telehealth.Protocol.Glucose
{
    /// <summary>The unit of a Glucose Measurement's concentration (flags bit 2).</summary>
    public enum GlucoseConcentrationUnit
    {
        /// <summary>kg/L; mg/dL = kg/L x 10^5.</summary>
        KilogramsPerLitre = 0,

        /// <summary>mol/L; mmol/L = mol/L x 10^3.</summary>
        MolesPerLitre = 1,
    }
}
