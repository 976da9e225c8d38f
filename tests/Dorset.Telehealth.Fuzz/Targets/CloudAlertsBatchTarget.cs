using Dorset.Telehealth.Cloud;
using Dorset.Telehealth.Cloud.Ingestion;

namespace Dorset.Telehealth.Fuzz.Targets;

/// <summary>
/// The cloud's alerts batch parser (POST /api/v1/alerts, cloud/README.md) with the default limit, then the stored form
/// of every accepted alert: its canonical JSON must read back to an alert with the same JSON and hash.
/// Contract as <see cref="CloudReadingsBatchTarget"/>.
/// </summary>
public sealed class CloudAlertsBatchTarget : FuzzTarget
{
    private static readonly int s_limit = new IngestionOptions().MaxBatchAlerts;

    /// <inheritdoc/>
    public override string Name => "cloud-alerts-batch";

    /// <inheritdoc/>
    public override void Run(byte[] input)
    {
        if (!AlertBatchParser.TryParse(input, s_limit, out ParsedAlertBatch? batch, out BatchError? error))
        {
            CloudBatchChecks.Refusal(Name, batch, error);
            return;
        }

        CloudBatchChecks.Accepted(Name, batch, error, batch?.Alerts.Count ?? 0, s_limit);
        foreach (BatchAlert alert in batch!.Alerts)
        {
            string stored = alert.ToStoredJson();
            BatchAlert reread = BatchAlert.FromStoredJson(stored);
            if (reread.ToStoredJson() != stored || reread.ContentHash() != alert.ContentHash())
            {
                throw new ContractViolation($"{Name}: alert {alert.Identity} does not read back from its stored JSON");
            }
        }
    }
}
