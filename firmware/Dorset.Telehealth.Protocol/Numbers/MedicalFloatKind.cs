namespace Dorset.Telehealth.Protocol.Numbers
{
    /// <summary>
    /// What an IEEE 11073-20601 SFLOAT or FLOAT word holds: a finite number or one of the reserved special values
    /// (IEEE 11073-20601 section F.6, "Special values").
    /// </summary>
    public enum MedicalFloatKind
    {
        /// <summary>A finite number: mantissa times ten to the exponent.</summary>
        Number = 0,

        /// <summary>Not a number: the device has no valid value.</summary>
        NaN = 1,

        /// <summary>Not at this resolution: the value cannot be represented with this word size.</summary>
        NRes = 2,

        /// <summary>Positive infinity.</summary>
        PositiveInfinity = 3,

        /// <summary>Negative infinity.</summary>
        NegativeInfinity = 4,

        /// <summary>Reserved for future use by the standard; never a valid reading.</summary>
        Reserved = 5,
    }
}
