namespace Dorset.Telehealth.Benchmarks.Suite;

/// <summary>
/// How big each measure of `all` is. Full is issue 15's loads (60,000 messages, 2,000 units, a million readings);
/// quick keeps the unit counts the goals name where the measure is about them and cuts messages, readings and samples,
/// so the whole suite runs in minutes. Ingest stays large enough in quick that each broker runs for a second or more:
/// CPU time is read from /proc in 10 ms ticks, which over a few thousand frames is a tenth of Mosquitto's cost.
/// The soak is not one of issue 15's goals: full runs it for 10 minutes, enough for its slopes after the warm-up;
/// `soak --minutes 30` is issue 14's long run.
/// </summary>
public sealed record SuiteLoads(int SingleReadingFrames, int EightReadingFrames, int Units, int ConsoleSamples, int CloudReadings, int CloudRounds,
    int RecoveryFrames, int BacklogReadings, int LatencySamples, int UnitPipelineRecords, int SoakMinutes, int PatientPageRequests)
{
    public static readonly SuiteLoads Full = new(60_000, 30_000, 2000, 300, 100_000, 5, 4, 1_000_000, 200, 20_000, 10, 50);

    public static readonly SuiteLoads Quick = new(30_000, 10_000, 2000, 50, 20_000, 1, 1, Gateway.BacklogDrainBenchmark.QuickReadings, 40, 20_000, 2, 20);
}
