using System.Collections.Generic;
using System.Globalization;

namespace Dorset.Telehealth.Benchmarks.Results;

/// <summary>Issue 15's goals 1 and 2 for one ingest row, and the row as figures for the page's full table.</summary>
public static class IngestGoals
{
    /// <summary>Goal 1: CPU per reading against Mosquitto's per message, set for 500 units (1-reading frames) and 8-reading frames.</summary>
    public static string? Cpu(IngestComparison row) => row switch
    {
        { ReadingsPerFrame: 1, Units: 500 } => "<= 2x",
        { ReadingsPerFrame: 8 } => "<= 0.5x",
        _ => null,
    };

    public static IEnumerable<Figure> Figures(IngestComparison row)
    {
        yield return new Figure($"ingest rate, {row.Label}", row.GatewayReadingsPerSecond, "readings/s", "Mosquitto 2 (persistence off), same load", row.MosquittoReadingsPerSecond, ">= 1.0x Mosquitto")
        {
            Note = string.Create(CultureInfo.InvariantCulture, $"{row.Frames} QoS 1 frames; every reading fsynced before PUBACK"),
        };
        yield return new Figure($"gateway CPU per reading, {row.Label}", row.GatewayCpuMicrosecondsPerReading, "µs", "Mosquitto's CPU per message, same load", row.MosquittoCpuMicrosecondsPerMessage,
            Cpu(row) is string goal ? goal + " Mosquitto's per message" : null);
        yield return new Figure($"MQTTnet 5 alone (no storage) CPU per message, {row.Label}", row.MqttnetFloorCpuMicrosecondsPerMessage, "µs", "Mosquitto's CPU per message, same load",
            row.MosquittoCpuMicrosecondsPerMessage)
        {
            Note = "the floor under the gateway: its MQTT server with the gateway's options and nothing else",
        };
        yield return new Figure($"gateway disk writes per reading, {row.Label}", row.GatewayDiskBytesPerReading, "bytes")
        {
            Note = string.Create(CultureInfo.InvariantCulture, $"{row.GatewayDiskBytesPerReading / 4096:0.0} pages of 4 KiB; /proc write_bytes (WAL, checkpoints, database file)"),
        };
        yield return new Figure($"gateway managed allocations per reading, {row.Label}", row.GatewayAllocatedBytesPerReading, "bytes");
        yield return new Figure($"gateway context switches per reading, {row.Label}", row.GatewayContextSwitchesPerReading, "switches", "Mosquitto's per message, same load",
            row.MosquittoContextSwitchesPerMessage)
        {
            Note = "thread hops and waits, summed over live threads (/proc/PID/task/*/status)",
        };
    }
}
