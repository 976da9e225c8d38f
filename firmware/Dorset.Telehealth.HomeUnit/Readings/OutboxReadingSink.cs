using System;
using Dorset.Telehealth.HomeUnit.Outbox;
using Dorset.Telehealth.Protocol.Uplink;

namespace Dorset.Telehealth.HomeUnit.Readings
{
    /// <summary>
    /// Commits readings to the outbox, each stored as a one-reading uplink frame so that the stored bytes are already
    /// checked by the frame's CRC and decode with the same code the gateway runs. A reading that cannot be encoded (a
    /// firmware fault: a value the frame cannot carry) goes to the dead-letter file with the reason instead, and the
    /// session goes on.
    /// </summary>
    public sealed class OutboxReadingSink : IReadingSink
    {
        private readonly ReadingOutbox outbox;
        private readonly DeadLetterFile deadLetters;

        /// <summary>Creates a sink over <paramref name="outbox"/>, putting what cannot be encoded in <paramref name="deadLetters"/>.</summary>
        public OutboxReadingSink(ReadingOutbox outbox, DeadLetterFile deadLetters)
        {
            this.outbox = outbox;
            this.deadLetters = deadLetters;
        }

        /// <summary>Raised after a reading is committed (the LED shows "reading received").</summary>
        public event ReadingCommittedHandler Committed;

        /// <inheritdoc/>
        public OutboxAppendResult Commit(DeviceReading reading)
        {
            byte[] encoded;
            try
            {
                var frame = new UplinkFrame();
                frame.Readings = new UplinkReading[] { UplinkReadingFactory.Create(reading) };
                encoded = UplinkFrameEncoder.Encode(frame);
            }
            catch (ArgumentException ex)
            {
                deadLetters.Add(0, null, "slot " + reading.Slot + " " + reading.Address + " record " + reading.DeviceSequence + ": " + ex.Message);
                return OutboxAppendResult.DeadLettered;
            }

            uint sequence;
            OutboxAppendResult result = outbox.Append(encoded, reading.KeptOnDevice, out sequence);
            ReadingCommittedHandler handler = Committed;
            if (handler != null && (result == OutboxAppendResult.Committed || result == OutboxAppendResult.CommittedAfterDroppingOldest))
            {
                handler(reading, sequence);
            }

            return result;
        }
    }
}
