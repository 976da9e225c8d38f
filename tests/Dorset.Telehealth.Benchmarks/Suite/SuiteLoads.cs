namespace Dorset.Telehealth.Benchmarks.Suite;

/// <summary>
/// How big each measure of `all` is. Full is issue 15's loads (60,000 messages, 2,000 units, a million readings);
/// quick keeps the unit counts the goals name where the measure is about them and cuts messages, readings and samples,
/// so the whole suite runs in minutes.
/// </summary>
public sealed record SuiteLoads(int SingleReadingFrames, int EightReadingFrames, int Units, int ConsoleSamples, int CloudReadings, int CloudRounds,
    int RecoveryFrames, int BacklogReadings, int LatencySamples, int UnitPipelineRecords)
{
    public static readonly SuiteLoads Full = new(60_000, 15_000, 2000, 300, 100_000, 5, 4, 1_000_000, 200, 20_000);

    public static readonly SuiteLoads Quick = new(6_000, 1_500, 2000, 50, 20_000, 1, 1, Gateway.BacklogDrainBenchmark.QuickReadings, 40, 20_000);
}
