namespace Dorset.Telehealth.Protocol.Uplink
{
    /// <summary>
    /// The names and units of each kind's values, in frame order, as the gateway and the cloud contract
    /// (cloud/README.md "Values per kind") spell them. One table, so the emulator and the gateway cannot disagree.
    /// </summary>
    public static class ReadingValueNames
    {
        private static readonly string[] KindNames = { null, "glucose", "pulse-oximetry", "weight", "blood-pressure" };

        /// <summary>The contract's name of a kind ("glucose", "pulse-oximetry", "weight", "blood-pressure").</summary>
        public static string KindName(ReadingKind kind)
        {
            return KindNames[(int)kind];
        }

        /// <summary>The name of value <paramref name="index"/> of a kind.</summary>
        public static string ValueName(ReadingKind kind, int index)
        {
            switch (kind)
            {
                case ReadingKind.Glucose: return "glucose";
                case ReadingKind.PulseOximetry: return index == 0 ? "spo2" : "pulse";
                case ReadingKind.Weight: return "weight";
                default: return index == 0 ? "systolic" : index == 1 ? "diastolic" : index == 2 ? "map" : "pulse";
            }
        }

        /// <summary>The unit of value <paramref name="index"/> of a kind, in the frame's unit or its alternate.</summary>
        public static string Unit(ReadingKind kind, int index, bool alternateUnit)
        {
            switch (kind)
            {
                case ReadingKind.Glucose: return alternateUnit ? "mmol/L" : "mg/dL";
                case ReadingKind.PulseOximetry: return index == 0 ? "%" : "/min";
                case ReadingKind.Weight: return alternateUnit ? "lb" : "kg";
                default: return index == 3 ? "/min" : alternateUnit ? "kPa" : "mmHg";
            }
        }
    }
}
