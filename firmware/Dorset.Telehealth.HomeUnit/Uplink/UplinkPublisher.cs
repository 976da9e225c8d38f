using Dorset.Telehealth.HomeUnit.Outbox;
using Dorset.Telehealth.Protocol.Contract;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Uplink;

namespace Dorset.Telehealth.HomeUnit.Uplink
{
    /// <summary>
    /// Sends the outbox to the gateway: the oldest run of consecutive readings as one frame, QoS 1, one frame in
    /// flight at a time so that order is kept; the readings leave the outbox only when their PUBACK arrives. After a
    /// lost connection the same readings go again under the same outbox sequences, and the gateway drops the repeat.
    /// </summary>
    public sealed class UplinkPublisher
    {
        /// <summary>Readings per frame: keeps a frame within what M2Mqtt buffers comfortably on the ESP32.</summary>
        public const int MaxReadingsPerFrame = 16;

        private const int NoMessage = -1;
        private readonly ReadingOutbox outbox;
        private readonly IUplinkClient client;
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
        public UplinkPublisher(ReadingOutbox outbox, IUplinkClient client, string unitId)
        {
            this.outbox = outbox;
            this.client = client;
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

                OutboxEntry[] run = outbox.PeekRun(MaxReadingsPerFrame);
                if (run.Length == 0)
                {
                    return false;
                }

                byte[] frame = BuildFrame(run);
                if (frame == null)
                {
                    return false;
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

                for (int i = 0; i < run.Length; i++)
                {
                    if (sentAny && run[i].Sequence <= highestSent)
                    {
                        Resent++;
                    }
                }

                inFlightMessage = id;
                inFlightFirst = run[0].Sequence;
                inFlightCount = run.Length;
                uint last = run[0].Sequence + (uint)run.Length - 1;
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

        private static byte[] BuildFrame(OutboxEntry[] run)
        {
            var readings = new UplinkReading[run.Length];
            for (int i = 0; i < run.Length; i++)
            {
                byte[] stored = run[i].Payload;
                UplinkFrame single;
                DecodeFailure failure;
                if (!UplinkFrameDecoder.TryDecode(stored, 0, stored.Length, out single, out failure))
                {
                    // The outbox CRC passed, so this cannot happen short of a firmware bug; never send garbage.
                    return null;
                }

                readings[i] = single.Readings[0];
            }

            var frame = new UplinkFrame();
            frame.FirstSequence = run[0].Sequence;
            frame.Readings = readings;
            return UplinkFrameEncoder.Encode(frame);
        }
    }
}
