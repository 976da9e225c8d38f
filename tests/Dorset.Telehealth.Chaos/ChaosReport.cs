using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Dorset.Telehealth.Chaos.Oracle;

namespace Dorset.Telehealth.Chaos;

/// <summary>
/// What a run did and found: its seed and length, the faults by kind, the oracle, any part that exited by itself, and
/// the oracle's reads of the cloud's FHIR API that failed while it drained (the read was tried again).
/// </summary>
public sealed record ChaosReport(ChaosOptions Options, TimeSpan Elapsed, FaultCounts Faults, DeliveryOracle Oracle, IReadOnlyList<string> Crashes,
    IReadOnlyList<string> FailedReads)
{
    /// <summary>Nothing lost, doubled or altered, and no part died on its own.</summary>
    public bool Passed => Oracle.Passed && Crashes.Count == 0;

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"chaos run: seed {Options.Seed}, store {Options.Store}, {Options.Units} units, faults for {Options.Minutes:0.##} min, {Elapsed.TotalMinutes:0.0} min in all");
        text.AppendLine($"faults: {Faults.ByKind.Values.Sum()} ({Faults.Kills} process kills)");
        foreach (var (kind, count) in Faults.ByKind)
        {
            text.AppendLine($"  {kind}: {count}");
        }

        foreach (var (kind, reason) in Faults.Skipped)
        {
            text.AppendLine($"  {kind}: skipped ({reason})");
        }

        text.AppendLine("oracle: " + Oracle);
        foreach (string problem in Oracle.Problems.Take(30))
        {
            text.AppendLine("  " + problem);
        }

        foreach (string crash in Crashes)
        {
            text.AppendLine("exited by itself: " + crash);
        }

        foreach (var (failure, count) in FailedReads.GroupBy(f => f).Select(g => (g.Key, g.Count())))
        {
            text.AppendLine($"FHIR read failed while draining ({count}x): {failure}");
        }

        text.Append(Passed ? "PASS" : "FAIL");
        return text.ToString();
    }
}
