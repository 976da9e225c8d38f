using System;
using System.Globalization;
using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.Time;
using Dorset.Telehealth.Protocol.Uplink;

namespace Dorset.Telehealth.Gateway.Tests.Fakes;

/// <summary>
/// Real uplink frames (firmware/PROTOCOL.md), made with the Protocol encoder the home unit uses. <see cref="Frame"/> is
/// version 1, as units before frame v2 send it (readings named by slot, which the gateway still accepts);
/// <see cref="FrameV2"/> is what units send now, each reading with its device's address.
/// </summary>
public static class UplinkFrames
{
    private static readonly DateTime Received = new(2026, 11, 24, 8, 0, 5, DateTimeKind.Utc);

    public static byte[] Frame(long firstSequence, params UplinkReading[] readings) =>
        UplinkFrameEncoder.Encode(new UplinkFrame { Version = UplinkFrame.FirstVersion, FirstSequence = (uint)firstSequence, Readings = readings });

    public static byte[] FrameV2(long firstSequence, params UplinkReading[] readings) =>
        UplinkFrameEncoder.Encode(new UplinkFrame { FirstSequence = (uint)firstSequence, Readings = readings });

    /// <summary><paramref name="reading"/> as taken by the device at <paramref name="address"/> (a v2 reading).</summary>
    public static UplinkReading From(this UplinkReading reading, string address)
    {
        reading.DeviceAddress = address;
        return reading;
    }

    /// <summary>One glucose reading in mmol/L from the meter in slot 0.</summary>
    public static byte[] Glucose(long outboxSequence, long deviceSequence, string mmolL = "5.6") =>
        Frame(outboxSequence, GlucoseReading(deviceSequence, mmolL));

    public static UplinkReading GlucoseReading(long deviceSequence, string mmolL, int type = 1, int location = 1, DeviceTime? deviceTime = null) => new()
    {
        Kind = ReadingKind.Glucose, Slot = 0, DeviceSequence = (int)deviceSequence,
        DeviceTime = deviceTime ?? new DeviceTime(2026, 11, 24, 8, 0, 0), ReceivedAt = Received, ClockSynchronised = true,
        AlternateUnit = true, Values = [Exact(mmolL)], GlucoseType = type, GlucoseLocation = location,
    };

    public static UplinkReading OximetryReading(int spo2, int pulse) => new()
    {
        Kind = ReadingKind.PulseOximetry, Slot = 1, DeviceSequence = UplinkReading.NoSequence,
        ReceivedAt = Received, ClockSynchronised = true, Values = [new MedicalFloat(spo2, 0), new MedicalFloat(pulse, 0)],
    };

    /// <summary>A weight in kg from the scale in slot 2; <paramref name="userId"/> is the scale's user index, if it sent one.</summary>
    public static UplinkReading WeightReading(string kg, int? userId) => new()
    {
        Kind = ReadingKind.Weight, Slot = 2, DeviceSequence = UplinkReading.NoSequence,
        DeviceTime = new DeviceTime(2026, 11, 24, 7, 30, 0), ReceivedAt = Received, ClockSynchronised = true, Values = [Exact(kg)],
        HasUserId = userId.HasValue, UserId = userId ?? 0,
    };

    private static MedicalFloat Exact(string text)
    {
        decimal value = decimal.Parse(text, CultureInfo.InvariantCulture);
        int scale = value.Scale;
        return new MedicalFloat((int)(value * (decimal)Math.Pow(10, scale)), -scale);
    }
}
