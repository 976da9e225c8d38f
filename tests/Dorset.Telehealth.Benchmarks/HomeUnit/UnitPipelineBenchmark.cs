using System;
using System.Collections.Generic;
using Dorset.Telehealth.Benchmarks.Results;
using System.Diagnostics;
using Dorset.Telehealth.Emulator.VirtualDevices;
using Dorset.Telehealth.HomeUnit.Ble;
using Dorset.Telehealth.HomeUnit.Devices;
using Dorset.Telehealth.HomeUnit.Outbox;
using Dorset.Telehealth.HomeUnit.Readings;
using Dorset.Telehealth.HomeUnit.Sessions;
using Dorset.Telehealth.HomeUnit.Uplink;
using Dorset.Telehealth.Emulator.Host;
using Dorset.Telehealth.Protocol.Glucose;

namespace Dorset.Telehealth.Benchmarks.HomeUnit;

/// <summary>`unit-pipeline [N]`: one unit's pipeline against decoding alone, in the same run.</summary>
public static class UnitPipelineBenchmark
{
    public static IReadOnlyList<Figure> Run(int Records)
    {
        // Readings per second through one unit's pipeline (virtual meter -> RACP session -> outbox -> frames -> PUBACK),
        // against decoding the same records alone in the same run; and bytes allocated per decoded reading.
        var script = new ReadingScript(7);
        var records = new byte[Records][];
        for (int i = 0; i < Records; i++)
        {
            records[i] = GlucoseMeasurementEncoder.Encode(script.Glucose(i % 65535, Records));
        }

        // Baseline: decode only.
        for (int i = 0; i < Math.Min(2000, Records); i++)
        {
            GlucoseMeasurementDecoder.TryDecode(records[i], 0, records[i].Length, out _, out _);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < Records; i++)
        {
            GlucoseMeasurementDecoder.TryDecode(records[i], 0, records[i].Length, out _, out _);
        }

        double decodeRate = Records / watch.Elapsed.TotalSeconds;
        double bytesPerDecode = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Records;

        // The result objects alone: what "no allocation beyond the result" allows.
        before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Records; i++)
        {
            _ = new GlucoseMeasurement { BaseTime = new Dorset.Telehealth.Protocol.Time.DeviceTime(2026, 1, 1, 0, 0, 0) };
        }

        double bytesPerResult = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Records;

        // Pipeline: one unit, one meter holding every record, RAM flash, a broker that acknowledges at once.
        var meter = new VirtualGlucoseMeter("C0:26:DA:01:02:03");
        for (int i = 0; i < Records; i++)
        {
            meter.Store(script.Glucose(i, Records));
        }

        var flash = new MemoryFlash();
        var outbox = ReadingOutbox.Open(flash, Records + 10);
        var deadLetters = DeadLetterFile.Open(flash);
        var sink = new OutboxReadingSink(outbox, deadLetters);
        var uplink = new LoopbackUplink();
        var publisher = new UplinkPublisher(outbox, uplink, deadLetters, "unit-bench");
        uplink.Acknowledged += publisher.OnAcknowledged;
        meter.Accept();
        var clock = new SystemUnitClock();
        watch.Restart();
        new GlucoseMeterSession(meter, new PairedDevice(0, meter.Address, DeviceKind.GlucoseMeter, false), BleAddressType.Public, sink, DeviceProgress.Load(flash), clock, new SessionBudget(clock, 1000, int.MaxValue)).Run();
        while (outbox.Count > 0)
        {
            publisher.PublishNext();
        }

        double pipelineRate = Records / watch.Elapsed.TotalSeconds;
        Console.WriteLine($"decode only      : {decodeRate:N0} readings/s, {bytesPerDecode:F0} bytes allocated per decoded reading (result objects alone: {bytesPerResult:F0} bytes)");
        Console.WriteLine($"unit pipeline    : {pipelineRate:N0} readings/s ({publisher.Acknowledged} acknowledged, {uplink.BytesPublished / (double)Records:F1} frame bytes per reading)");
        Console.WriteLine($"ratio pipeline/decode: {pipelineRate / decodeRate:F3}");
        return
        [
            new Figure($"unit pipeline, one unit ({Records} records)", pipelineRate, "readings/s", "decoding the same records alone", decodeRate),
            new Figure("bytes allocated per decoded glucose reading", bytesPerDecode, "bytes", "the result objects alone", bytesPerResult),
        ];
    }
}
