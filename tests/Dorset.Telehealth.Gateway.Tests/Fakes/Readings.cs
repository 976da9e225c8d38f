using System;
using Dorset.Telehealth.Gateway.Ingest;

namespace Dorset.Telehealth.Gateway.Tests.Fakes;

/// <summary>Readings as the decoder would produce them, for storage-level tests.</summary>
public static class Readings
{
    public const string MeterAddress = "C0:26:DA:01:02:03";

    public static IncomingReading Glucose(long outboxSequence, long? deviceSequence, string mmolL = "5.6", int slot = 0, string? address = MeterAddress)
    {
        return new IncomingReading(outboxSequence, slot, deviceSequence, "glucose",
            new[] { new ReadingValue("glucose", mmolL, "mmol/L") }, Array.Empty<string>(), 0, "2026-11-24T08:00:00", "2026-11-24T08:00:05Z", true)
        {
            GlucoseSampleType = "capillary-whole-blood",
            GlucoseSampleLocation = "finger",
            DeviceAddress = address,
        };
    }

    public static IncomingReading Weight(long outboxSequence, string kg, int slot = 2)
    {
        return new IncomingReading(outboxSequence, slot, null, "weight",
            new[] { new ReadingValue("weight", kg, "kg") }, Array.Empty<string>(), 0, null, "2026-11-24T08:00:05Z", false);
    }
}
