using System;

namespace Dorset.Telehealth.Protocol.Uplink
{
    /// <summary>Constants of the frame layout (v1 and v2) shared by encoder and decoder (firmware/PROTOCOL.md).</summary>
    internal static class FrameLayout
    {
        internal const int HasDeviceSequence = 1 << 0;
        internal const int HasDeviceTime = 1 << 1;
        internal const int ClockSynchronised = 1 << 2;
        internal const int AlternateUnit = 1 << 3;
        internal const int HasStatus = 1 << 4;
        internal const int HasExtra = 1 << 5;

        /// <summary>v2 only: a glucose reading's Glucose Measurement Context follows its other fields.</summary>
        internal const int HasGlucoseContext = 1 << 6;

        /// <summary>Flag bits a v1 reading must leave 0.</summary>
        internal const int ReservedFlagsV1 = 0xC0;

        /// <summary>
        /// v2 only: the device sent a time that is no valid date or time; the reading has no device time and is timed by
        /// its receipt.
        /// </summary>
        internal const int DeviceTimeInvalid = 1 << 7;
        internal const int CrcSize = 4;

        /// <summary>Frame times count seconds from 2000-01-01T00:00:00 (UTC for receipt times, civil for device times).</summary>
        internal static readonly DateTime Epoch = new DateTime(2000, 1, 1, 0, 0, 0);

        /// <summary>Values per kind, not counting the optional extra (blood pressure's pulse).</summary>
        internal static int ValueCount(ReadingKind kind)
        {
            switch (kind)
            {
                case ReadingKind.PulseOximetry: return 2;
                case ReadingKind.BloodPressure: return 3;
                default: return 1;
            }
        }

        internal static long Seconds(DateTime time)
        {
            return (time.Ticks - Epoch.Ticks) / TimeSpan.TicksPerSecond;
        }
    }
}
