using System;
using System.Linq;
using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.Time;
using Dorset.Telehealth.Protocol.Uplink;

namespace Dorset.Telehealth.Benchmarks.Gateway;

/// <summary>
/// The payload each simulated unit publishes: a real uplink frame (firmware/PROTOCOL.md) of glucose readings whose
/// outbox and device sequences follow the message number, so the gateway decodes, dedupes and commits them as it would
/// a unit's. One reading per frame is a unit keeping up; up to <see cref="UplinkFrame.MaxReadings"/> is a unit emptying
/// a backlog. Mosquitto routes the same bytes.
/// </summary>
public static class FramePayloads
{
    private static readonly DateTime Received = new(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc);

    public static byte[] Frame(long firstSequence, int readings = 1) => UplinkFrameEncoder.Encode(new UplinkFrame
    {
        FirstSequence = (uint)firstSequence,
        Readings = Enumerable.Range(0, readings).Select(k => Reading(firstSequence + k)).ToArray(),
    });

    private static UplinkReading Reading(long sequence) => new()
    {
        Kind = ReadingKind.Glucose, Slot = 0, DeviceAddress = "C0:26:DA:01:02:03", DeviceSequence = (int)(sequence % 65536),
        DeviceTime = DeviceTime.FromDateTime(Received.AddSeconds(-sequence)), ReceivedAt = Received,
        ClockSynchronised = true, Values = [new MedicalFloat(97, 0)], GlucoseType = 1, GlucoseLocation = 1,
    };
}
