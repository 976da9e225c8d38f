using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Dorset.Telehealth.Benchmarks.Results;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Benchmarks.Micro;

/// <summary>
/// `micro [--quick] [BenchmarkDotNet options]`: the in-process hot paths (<see cref="FrameHotPathBenchmarks"/>,
/// <see cref="EndpointHotPathBenchmarks"/>) under BenchmarkDotNet with its memory diagnoser, in this process (the
/// in-process toolchain: no generated project to build, which on a shared 2-core machine costs more than the
/// measurement). --quick takes BenchmarkDotNet's short run (3 iterations). Its tables go under artifacts/BenchmarkDotNet.
/// </summary>
public static class MicroBenchmarks
{
    public static int Run(bool quick, string[] benchmarkDotNetArgs)
    {
        // None when BenchmarkDotNet only listed (--list) or its --filter matched nothing: it has said so itself.
        Summary? summary = Measure(quick, benchmarkDotNetArgs);
        return summary == null || Succeeded(summary) ? 0 : 1;
    }

    /// <summary>Runs every hot path; BenchmarkDotNet prints its own table and writes it under BenchmarkDotNet.Artifacts.</summary>
    public static Summary? Measure(bool quick, string[]? args = null)
    {
        Job job = (quick ? Job.ShortRun : Job.Default).WithToolchain(InProcessEmitToolchain.Instance);
        // Its reports go under the build's artifacts folder (ignored by git), not wherever the command was run from.
        IConfig config = DefaultConfig.Instance.AddJob(job).WithOptions(ConfigOptions.JoinSummary)
            .WithArtifactsPath(RepositoryPaths.Combine("artifacts/BenchmarkDotNet"));
        return BenchmarkSwitcher.FromTypes([typeof(FrameHotPathBenchmarks), typeof(EndpointHotPathBenchmarks)]).RunAll(config, args ?? []).SingleOrDefault();
    }

    public static bool Succeeded([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] Summary? summary) => summary != null && !summary.HasCriticalValidationErrors && summary.Reports.Length > 0 && summary.Reports.All(r => r.Success);

    /// <summary>One figure per benchmark case: mean time per call, with bytes allocated per call in its note.</summary>
    public static IReadOnlyList<Figure> Figures(Summary summary)
    {
        return summary.Reports.Where(r => r.ResultStatistics != null).Select(r =>
        {
            // "[ReadingsPerFrame=8]" and "'unit: ...'" as BenchmarkDotNet shows them, without its brackets and quotes.
            string parameters = r.BenchmarkCase.HasParameters ? $", {r.BenchmarkCase.Parameters.DisplayInfo.Trim('[', ']')}" : "";
            string method = r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'');
            long? allocated = r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase);
            return new Figure($"micro: {method}{parameters}", r.ResultStatistics!.Mean, "ns per call")
            {
                Note = $"{allocated?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} bytes allocated per call",
            };
        }).ToList();
    }
}
