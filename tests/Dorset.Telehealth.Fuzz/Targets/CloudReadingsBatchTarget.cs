using Dorset.Telehealth.Cloud;
using Dorset.Telehealth.Cloud.Ingestion;

namespace Dorset.Telehealth.Fuzz.Targets;

/// <summary>
/// The cloud's readings batch parser (POST /api/v1/readings, cloud/README.md) with the default limit, then what the
/// store computes from every accepted reading (content hash, effective time, attribution time). Contract: never
/// throws; true with 1..limit readings and no error, or false with a <see cref="BatchError"/> naming a field.
/// </summary>
public sealed class CloudReadingsBatchTarget : FuzzTarget
{
    private static readonly int s_limit = new IngestionOptions().MaxBatchReadings;

    /// <inheritdoc/>
    public override string Name => "cloud-readings-batch";

    /// <inheritdoc/>
    public override void Run(byte[] input)
    {
        if (!BatchParser.TryParse(input, s_limit, out ParsedBatch? batch, out BatchError? error))
        {
            CloudBatchChecks.Refusal(Name, batch, error);
            return;
        }

        CloudBatchChecks.Accepted(Name, batch, error, batch?.Readings.Count ?? 0, s_limit);
        foreach (BatchReading reading in batch!.Readings)
        {
            _ = reading.ContentHash();
            _ = reading.Effective();
            _ = reading.AttributionTime;
        }
    }
}
