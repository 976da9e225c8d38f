using System;
using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.Time;
using Dorset.Telehealth.Protocol.Uplink;

namespace Dorset.Telehealth.Protocol.Tests.Uplink;

/// <summary>Realistic readings of a morning at one unit: the frame-size budget and the golden vectors use them.</summary>
public static class SampleReadings
{
    public static readonly DateTime Morning = new(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc);

    public const string Meter = "C0:26:DA:01:02:03";
    public const string Oximeter = "00:1C:05:12:34:56";
    public const string Scale = "D4:36:39:AA:BB:CC";

    /// <summary>Bytes before the first reading of <see cref="TenMixed"/>: header 8, then its three devices (1 + 3 x 7).</summary>
    public const int TenMixedFirstReading = 8 + 1 + 3 * 7;

    public static UplinkReading Glucose(int sequence, int mgdl, int minutesAgo, int type = 1, int location = 1) => new()
    {
        Kind = ReadingKind.Glucose, Slot = 0, DeviceAddress = Meter, DeviceSequence = sequence,
        DeviceTime = DeviceTime.FromDateTime(Morning.AddMinutes(-minutesAgo)),
        ReceivedAt = Morning.AddSeconds(sequence % 5), ClockSynchronised = true,
        Values = [new MedicalFloat(mgdl, 0)], GlucoseType = type, GlucoseLocation = location,
    };

    public static UplinkReading Oximetry(int spo2, int pulse, int secondsLater) => new()
    {
        Kind = ReadingKind.PulseOximetry, Slot = 1, DeviceAddress = Oximeter, DeviceSequence = UplinkReading.NoSequence,
        ReceivedAt = Morning.AddSeconds(secondsLater), ClockSynchronised = true,
        Values = [new MedicalFloat(spo2, 0), new MedicalFloat(pulse, 0)],
    };

    public static UplinkReading Weight(int grams, int secondsLater) => new()
    {
        Kind = ReadingKind.Weight, Slot = 2, DeviceAddress = Scale, RandomAddress = true, DeviceSequence = UplinkReading.NoSequence,
        DeviceTime = DeviceTime.FromDateTime(Morning.AddSeconds(secondsLater - 2)),
        ReceivedAt = Morning.AddSeconds(secondsLater), ClockSynchronised = true,
        Values = [new MedicalFloat(grams, -3)],
    };

    /// <summary>The size budget's frame: 10 mixed readings (4 glucose with type/location, 3 SpO2 + pulse, 3 weight).</summary>
    public static UplinkFrame TenMixed() => new()
    {
        FirstSequence = 1017,
        Readings =
        [
            Glucose(88, 97, 120), Glucose(89, 142, 60, type: 2), Glucose(90, 63, 30), Glucose(91, 110, 5),
            Oximetry(97, 72, 30), Oximetry(94, 88, 35), Oximetry(90, 101, 40),
            Weight(81250, 50), Weight(81300, 55), Weight(83750, 60),
        ],
    };
}
