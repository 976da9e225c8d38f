using System;
using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.Time;
using Dorset.Telehealth.Protocol.Uplink;

namespace Dorset.Telehealth.Benchmarks.Gateway;

/// <summary>
/// The payload each simulated unit publishes: a real uplink frame (firmware/PROTOCOL.md) with one glucose reading whose
/// outbox and device sequences follow the message number, so the gateway decodes, dedupes and commits it as it would a
/// unit's. Mosquitto routes the same bytes.
/// </summary>
public static class FramePayloads
{
    public const int ReadingsPerFrame = 1;

    private static readonly DateTime Received = new(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc);

    public static byte[] Frame(long firstSequence) => UplinkFrameEncoder.Encode(new UplinkFrame
    {
        FirstSequence = (uint)firstSequence,
        Readings =
        [
            new UplinkReading
            {
                Kind = ReadingKind.Glucose, Slot = 0, DeviceAddress = "C0:26:DA:01:02:03", DeviceSequence = (int)(firstSequence % 65536),
                DeviceTime = DeviceTime.FromDateTime(Received.AddSeconds(-firstSequence)), ReceivedAt = Received,
                ClockSynchronised = true, Values = [new MedicalFloat(97, 0)], GlucoseType = 1, GlucoseLocation = 1,
            },
        ],
    });
}
