using System;
using Dorset.Telehealth.HomeUnit.Outbox;
using Dorset.Telehealth.Protocol.Contract;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Uplink;

namespace Dorset.Telehealth.HomeUnit.Uplink
{
    /// <summary>
    /// Sends the outbox to the gateway: the oldest run of consecutive readings of one frame version as one frame, QoS
    /// 1, one frame in flight at a time so that order is kept; the readings leave the outbox only when their PUBACK
    /// arrives. After a lost connection the same readings go again under the same outbox sequences, and the gateway
    /// drops the repeat. A stored reading that does not decode, or will not encode again (a firmware fault), moves to
    /// the dead-letter file and the readings behind it go on: it never stops the outbox.
    /// </summary>
    public sealed class UplinkPublisher
    {
        /// <summary>Readings per frame: keeps a frame within what M2Mqtt buffers comfortably on the ESP32.</summary>
        public const int MaxReadingsPerFrame = 16;

        private const int NoMessage = -1;
        private readonly ReadingOutbox outbox;
        private readonly IUplinkClient client;
        private readonly DeadLetterFile deadLetters;
        private readonly string topic;
        private readonly object gate = new object();
        private int inFlightMessage = NoMessage;
        private uint inFlightFirst;
        private int inFlightCount;
        private uint highestSent;
        private bool sentAny;
        private bool publishing;
        private int earlyAcknowledgement = NoMessage;

        /// <summary>Creates a publisher; subscribe <see cref="OnAcknowledged"/> to the client's acknowledgements.</summary>
        public UplinkPublisher(ReadingOutbox outbox, IUplinkClient client, DeadLetterFile deadLetters, string unitId)
        {
            this.outbox = outbox;
            this.client = client;
            this.deadLetters = deadLetters;
            topic = UnitTopics.Readings(unitId);
        }

        /// <summary>Readings sent again because their earlier PUBACK never arrived (reported by tests and the benchmark).</summary>
        public int Resent { get; private set; }

        /// <summary>Readings acknowledged by the gateway.</summary>
        public int Acknowledged { get; private set; }

        /// <summary>True while a frame waits for its PUBACK.</summary>
        public bool HasFrameInFlight
        {
            get
            {
                lock (gate)
                {
                    return inFlightMessage != NoMessage;
                }
            }
        }

        /// <summary>Publishes the next frame if none is in flight and the outbox holds readings; true when it sent one.</summary>
        public bool PublishNext()
        {
            lock (gate)
            {
                if (inFlightMessage != NoMessage || !client.IsConnected)
                {
                    return false;
                }

                byte[] frame = null;
                int count = 0;
                uint first = 0;
                while (frame == null)
                {
                    OutboxEntry[] run = outbox.PeekRun(MaxReadingsPerFrame);
                    if (run.Length == 0)
                    {
                        return false;
                    }

                    // Null when the run's first reading was dead-lettered: the next one heads the run now.
                    first = run[0].Sequence;
                    frame = BuildFrame(run, out count);
                }

                // A client may report the PUBACK before Publish has returned the message id (on this very thread):
                // such an acknowledgement is kept and matched once the id is known.
                publishing = true;
                earlyAcknowledgement = NoMessage;
                int id = client.Publish(topic, frame, false);
                publishing = false;
                if (id < 0)
                {
                    return false;
                }

                for (uint sequence = first; sequence < first + (uint)count; sequence++)
                {
                    if (sentAny && sequence <= highestSent)
                    {
                        Resent++;
                    }
                }

                inFlightMessage = id;
                inFlightFirst = first;
                inFlightCount = count;
                uint last = inFlightFirst + (uint)count - 1;
                if (!sentAny || last > highestSent)
                {
                    highestSent = last;
                }

                sentAny = true;
                if (earlyAcknowledgement == id)
                {
                    Complete();
                }

                return true;
            }
        }

        /// <summary>The broker acknowledged <paramref name="messageId"/>: its readings leave the outbox.</summary>
        public void OnAcknowledged(int messageId)
        {
            lock (gate)
            {
                if (publishing)
                {
                    earlyAcknowledgement = messageId;
                    return;
                }

                if (messageId == inFlightMessage)
                {
                    Complete();
                }
            }
        }

        private void Complete()
        {
            outbox.Acknowledge(inFlightFirst, inFlightCount);
            Acknowledged += inFlightCount;
            inFlightMessage = NoMessage;
        }

        /// <summary>The connection dropped: the frame in flight will be sent again.</summary>
        public void OnConnectionLost()
        {
            lock (gate)
            {
                inFlightMessage = NoMessage;
            }
        }

        /// <summary>
        /// The frame for the head of <paramref name="run"/>: its readings up to the first that does not decode or is of
        /// another version than the first (stored before a firmware update: v1), <paramref name="count"/> of them. Null
        /// when the first reading itself cannot be sent: it is then dead-lettered and removed.
        /// </summary>
        private byte[] BuildFrame(OutboxEntry[] run, out int count)
        {
            var readings = new UplinkReading[run.Length];
            int version = 0;
            count = 0;
            for (int i = 0; i < run.Length; i++)
            {
                byte[] stored = run[i].Payload;
                UplinkFrame single;
                DecodeFailure failure;
                if (!UplinkFrameDecoder.TryDecode(stored, 0, stored.Length, out single, out failure))
                {
                    if (i == 0)
                    {
                        DeadLetter(run[0], "stored frame does not decode: " + failure.Message);
                        return null;
                    }

                    break;
                }

                if (i > 0 && single.Version != version)
                {
                    break;
                }

                version = single.Version;
                readings[count++] = single.Readings[0];
            }

            try
            {
                return Encode(run[0].Sequence, version, readings, count);
            }
            catch (ArgumentException ex)
            {
                if (count > 1)
                {
                    // Which of them cannot be encoded is found by sending the first alone; the next frame goes on from there.
                    count = 1;
                    return BuildFrame(new OutboxEntry[] { run[0] }, out count);
                }

                DeadLetter(run[0], "stored reading does not encode: " + ex.Message);
                return null;
            }
        }

        private static byte[] Encode(uint firstSequence, int version, UplinkReading[] decoded, int count)
        {
            var readings = new UplinkReading[count];
            Array.Copy(decoded, readings, count);
            var frame = new UplinkFrame();
            frame.Version = version;
            frame.FirstSequence = firstSequence;
            frame.Readings = readings;
            return UplinkFrameEncoder.Encode(frame);
        }

        private void DeadLetter(OutboxEntry entry, string reason)
        {
            // Letter first, then out of the outbox: a power cut between leaves it in both, and the next pass only
            // removes it (the letter is not written twice).
            if (!deadLetters.EndsWith(entry.Sequence))
            {
                deadLetters.Add(entry.Sequence, entry.Payload, reason);
            }

            outbox.Remove(entry.Sequence);
        }
    }
}
