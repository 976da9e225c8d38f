using Dorset.Telehealth.HomeUnit.Outbox;
using Dorset.Telehealth.Protocol.Uplink;

namespace Dorset.Telehealth.HomeUnit.Readings
{
    /// <summary>
    /// Commits readings to the outbox, each stored as a one-reading uplink frame so that the stored bytes are already
    /// checked by the frame's CRC and decode with the same code the gateway runs.
    /// </summary>
    public sealed class OutboxReadingSink : IReadingSink
    {
        private readonly ReadingOutbox outbox;

        /// <summary>Creates a sink over <paramref name="outbox"/>.</summary>
        public OutboxReadingSink(ReadingOutbox outbox)
        {
            this.outbox = outbox;
        }

        /// <summary>Raised after a reading is committed (the LED shows "reading received").</summary>
        public event ReadingCommittedHandler Committed;

        /// <inheritdoc/>
        public OutboxAppendResult Commit(DeviceReading reading)
        {
            var frame = new UplinkFrame();
            frame.Readings = new UplinkReading[] { UplinkReadingFactory.Create(reading) };
            uint sequence;
            OutboxAppendResult result = outbox.Append(UplinkFrameEncoder.Encode(frame), reading.KeptOnDevice, out sequence);
            ReadingCommittedHandler handler = Committed;
            if (handler != null && (result == OutboxAppendResult.Committed || result == OutboxAppendResult.CommittedAfterDroppingOldest))
            {
                handler(reading, sequence);
            }

            return result;
        }
    }
}
