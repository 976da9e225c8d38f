namespace Dorset.Telehealth.Protocol.Uplink
{
    /// <summary>
    /// A frame of readings from one unit (firmware/PROTOCOL.md): reading i has outbox sequence
    /// <see cref="FirstSequence"/> + i.
    /// </summary>
    public sealed class UplinkFrame
    {
        /// <summary>The only version this library writes and reads.</summary>
        public const int CurrentVersion = 1;

        /// <summary>Most readings in one frame; keeps a frame well inside one MQTT packet a unit can buffer.</summary>
        public const int MaxReadings = 64;

        /// <summary>The outbox sequence of the first reading.</summary>
        public uint FirstSequence { get; set; }

        /// <summary>The readings, 1..<see cref="MaxReadings"/>.</summary>
        public UplinkReading[] Readings { get; set; }
    }
}
