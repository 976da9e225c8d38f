using Dorset.Telehealth.Protocol.Uplink;

namespace Dorset.Telehealth.Protocol.Contract
{
    /// <summary>
    /// The names of the kinds of paired device, as the config topic, the status document and the cloud contract spell
    /// them, and the reading kind each produces.
    /// </summary>
    public static class DeviceKindNames
    {
        /// <summary>Glucose Service 0x1808; produces glucose readings.</summary>
        public const string GlucoseMeter = "glucose-meter";

        /// <summary>Pulse Oximeter Service 0x1822; produces pulse-oximetry readings.</summary>
        public const string PulseOximeter = "pulse-oximeter";

        /// <summary>Weight Scale Service 0x181D; produces weight readings.</summary>
        public const string WeightScale = "weight-scale";

        /// <summary>Blood Pressure Service 0x1810; produces blood-pressure readings.</summary>
        public const string BloodPressureMonitor = "blood-pressure-monitor";

        /// <summary>Every kind, in the order of <see cref="ReadingKind"/> (glucose 1 .. blood pressure 4).</summary>
        public static readonly string[] All = { GlucoseMeter, PulseOximeter, WeightScale, BloodPressureMonitor };

        /// <summary>The kind of device that produces readings of <paramref name="kind"/>.</summary>
        public static string Of(ReadingKind kind)
        {
            return All[(int)kind - 1];
        }

        /// <summary>The kind of device that produces readings named <paramref name="readingKind"/> ("glucose", ...), or null.</summary>
        public static string OfReadingKindName(string readingKind)
        {
            for (int kind = 1; kind <= All.Length; kind++)
            {
                if (ReadingValueNames.KindName((ReadingKind)kind) == readingKind)
                {
                    return All[kind - 1];
                }
            }

            return null;
        }
    }
}
