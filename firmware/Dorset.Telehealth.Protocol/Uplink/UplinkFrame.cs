namespace Dorset.Telehealth.Protocol.Uplink
{
    /// <summary>
    /// A frame of readings from one unit (firmware/PROTOCOL.md): reading i has outbox sequence
    /// <see cref="FirstSequence"/> + i.
    /// </summary>
    public sealed class UplinkFrame
    {
        /// <summary>The version units write: readings carry their device's address and glucose context.</summary>
        public const int CurrentVersion = 2;

        /// <summary>The first version, still read (a gateway hears units not yet updated) and written on request.</summary>
        public const int FirstVersion = 1;

        /// <summary>Most readings in one frame; keeps a frame well inside one MQTT packet a unit can buffer.</summary>
        public const int MaxReadings = 64;

        /// <summary>A frame of the current version.</summary>
        public UplinkFrame()
        {
            Version = CurrentVersion;
        }

        /// <summary>The layout: <see cref="CurrentVersion"/> unless set (a decoded frame keeps the version it had).</summary>
        public int Version { get; set; }

        /// <summary>The outbox sequence of the first reading.</summary>
        public uint FirstSequence { get; set; }

        /// <summary>The readings, 1..<see cref="MaxReadings"/>.</summary>
        public UplinkReading[] Readings { get; set; }
    }
}
