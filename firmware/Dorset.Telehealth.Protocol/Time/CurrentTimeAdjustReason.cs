using System;

namespace Dorset.Telehealth.Protocol.Time
{
    /// <summary>Adjust Reason bits of Current Time 0x2A2B (Current Time Service 1.1, 3.1.2.1).</summary>
    [Flags]
    public enum CurrentTimeAdjustReason
    {
        /// <summary>No reason given.</summary>
        None = 0,

        /// <summary>Bit 0: set manually.</summary>
        ManualTimeUpdate = 0x01,

        /// <summary>Bit 1: from an external reference time source.</summary>
        ExternalReferenceTimeUpdate = 0x02,

        /// <summary>Bit 2: the time zone changed.</summary>
        TimeZoneChange = 0x04,

        /// <summary>Bit 3: daylight saving time changed.</summary>
        DstChange = 0x08,
    }
}
