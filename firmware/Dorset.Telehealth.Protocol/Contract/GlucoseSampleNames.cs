namespace Dorset.Telehealth.Protocol.Contract
{
    /// <summary>
    /// The contract's names of the GLS sample type and sample location codes (GLS 1.0, 3.106.2: the Type-Sample
    /// Location field of Glucose Measurement). Reserved codes have no name: they mean nothing yet.
    /// </summary>
    public static class GlucoseSampleNames
    {
        /// <summary>Types 1..10 in code order.</summary>
        public static readonly string[] Types =
        {
            "capillary-whole-blood", "capillary-plasma", "venous-whole-blood", "venous-plasma", "arterial-whole-blood",
            "arterial-plasma", "undetermined-whole-blood", "undetermined-plasma", "interstitial-fluid", "control-solution",
        };

        /// <summary>Locations 1, 2, 3, 4 and 15, in that order.</summary>
        public static readonly string[] Locations = { "finger", "alternate-site", "earlobe", "control-solution", "not-available" };

        /// <summary>The name of sample type <paramref name="code"/>, or null for 0 and reserved codes.</summary>
        public static string Type(int code)
        {
            return code >= 1 && code <= Types.Length ? Types[code - 1] : null;
        }

        /// <summary>The name of sample location <paramref name="code"/>, or null for reserved codes.</summary>
        public static string Location(int code)
        {
            if (code >= 1 && code <= 4)
            {
                return Locations[code - 1];
            }

            return code == 15 ? Locations[4] : null;
        }
    }
}
