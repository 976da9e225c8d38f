namespace Dorset.Telehealth.EndToEnd.Tests;

/// <summary>
/// The chaos run alone: it keeps both cores busy for minutes, which would slow the suite's timed tests (an alert
/// within 1 s of its PUBACK) into failing, so xunit runs it after the parallel collections, by itself.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChaosCollection
{
    public const string Name = "chaos run";
}
