namespace Dorset.Telehealth.Benchmarks.Results;

/// <summary>
/// One row of the ingest measure: the gateway and Mosquitto under the same load in the same run, at
/// <paramref name="Units"/> units publishing frames of <paramref name="ReadingsPerFrame"/> readings.
/// CPU is per reading for the gateway (what it stores) and per message for Mosquitto (what it routes), as issue 15's
/// goals compare them.
/// </summary>
public sealed record IngestComparison(int Units, int ReadingsPerFrame, int Frames, double GatewayReadingsPerSecond, double MosquittoReadingsPerSecond,
    double GatewayCpuMicrosecondsPerReading, double MosquittoCpuMicrosecondsPerMessage)
{
    /// <summary>The label a chart or table gives this row.</summary>
    public string Label => $"{Units} units, {ReadingsPerFrame}/frame";
}
