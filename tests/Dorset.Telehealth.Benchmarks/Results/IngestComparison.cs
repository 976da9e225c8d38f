namespace Dorset.Telehealth.Benchmarks.Results;

/// <summary>
/// One row of the ingest measure: the gateway and Mosquitto under the same load in the same run, at
/// <paramref name="Units"/> units publishing frames of <paramref name="ReadingsPerFrame"/> readings.
/// CPU is per reading for the gateway (what it stores) and per message for Mosquitto (what it routes), as issue 15's
/// goals compare them. <paramref name="GatewayDiskBytesPerReading"/> is what the gateway wrote to disk per reading
/// (/proc/PID/io write_bytes: WAL, checkpoints, database file), the SD-card wear goal 1 asks to report.
/// </summary>
public sealed record IngestComparison(int Units, int ReadingsPerFrame, int Frames, double GatewayReadingsPerSecond, double MosquittoReadingsPerSecond,
    double GatewayCpuMicrosecondsPerReading, double MosquittoCpuMicrosecondsPerMessage, double GatewayDiskBytesPerReading)
{
    /// <summary>Managed bytes the gateway allocated per reading (its /metrics dorset_gateway_managed_allocated_bytes).</summary>
    public double GatewayAllocatedBytesPerReading { get; init; }

    /// <summary>Context switches of the gateway's threads per reading: thread hops and waits.</summary>
    public double GatewayContextSwitchesPerReading { get; init; }

    /// <summary>Mosquitto's context switches per message, the same count for the baseline.</summary>
    public double MosquittoContextSwitchesPerMessage { get; init; }

    /// <summary>The MQTTnet server alone (the gateway's options, no storage) under the same load: readings/s.</summary>
    public double MqttnetFloorReadingsPerSecond { get; init; }

    /// <summary>The MQTTnet server alone: CPU per message, the floor under the gateway's own cost.</summary>
    public double MqttnetFloorCpuMicrosecondsPerMessage { get; init; }

    /// <summary>The label a chart or table gives this row.</summary>
    public string Label => $"{Units} units, {ReadingsPerFrame}/frame";
}
