using Dorset.Telehealth.Cloud.Ingestion;

namespace Dorset.Telehealth.Fuzz.Targets;

/// <summary>The answer rules both cloud batch parsers share.</summary>
public static class CloudBatchChecks
{
    /// <summary>A refusal has no batch and an error naming a field and the problem.</summary>
    public static void Refusal(string target, object? batch, BatchError? error)
    {
        if (batch != null || error == null || string.IsNullOrEmpty(error.Field) || string.IsNullOrEmpty(error.Detail))
        {
            throw new ContractViolation($"{target}: refused without an error naming the field");
        }
    }

    /// <summary>An acceptance has a batch of 1..limit items and no error.</summary>
    public static void Accepted(string target, object? batch, BatchError? error, int items, int limit)
    {
        if (batch == null || error != null || items < 1 || items > limit)
        {
            throw new ContractViolation($"{target}: accepted with {items} items (limit {limit}) or with an error");
        }
    }
}
