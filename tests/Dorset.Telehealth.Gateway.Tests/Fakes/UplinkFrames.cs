using System;
using System.Globalization;
using Dorset.Telehealth.Protocol.Glucose;
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

    /// <summary>
    /// The longest frame the encoder writes: 64 glucose readings (the kind with the most optional fields) from 16
    /// devices, every field present and at its widest (escaped exponents, 32-bit mantissas, receipt and device times
    /// a century apart, full glucose context): the size the broker's readings limit must always let through.
    /// </summary>
    public static byte[] LargestFrame()
    {
        var wide = new MedicalFloat(-2147483647, -100);
        var readings = new UplinkReading[UplinkFrame.MaxReadings];
        for (int i = 0; i < readings.Length; i++)
        {
            readings[i] = new UplinkReading
            {
                Kind = ReadingKind.Glucose, Slot = i % 16, DeviceAddress = $"C0:26:DA:01:02:{i % 16:X2}", RandomAddress = true,
                DeviceSequence = 0xFFFF, DeviceTime = new DeviceTime(2000, 1, 1, 0, 0, 0),
                ReceivedAt = i == 0 ? new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc) : new DateTime(2130, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                ClockSynchronised = true, AlternateUnit = true, Values = [wide], GlucoseType = 15, GlucoseLocation = 15,
                HasStatus = true, Status = 0xFFFF,
                Context = new GlucoseContext
                {
                    HasCarbohydrate = true, CarbohydrateId = 255, CarbohydrateKilograms = wide, HasMeal = true, Meal = 255,
                    HasTesterHealth = true, Tester = 15, Health = 15, HasExercise = true, ExerciseSeconds = 0xFFFF,
                    ExerciseIntensityPercent = 255, HasMedication = true, MedicationId = 255, Medication = wide,
                    MedicationInLitres = true, HasHbA1c = true, HbA1cPercent = wide,
                },
            };
        }

        return FrameV2(0xFFFFFFFF, readings);
    }

    private static MedicalFloat Exact(string text)
    {
        decimal value = decimal.Parse(text, CultureInfo.InvariantCulture);
        int scale = value.Scale;
        return new MedicalFloat((int)(value * (decimal)Math.Pow(10, scale)), -scale);
    }
}
