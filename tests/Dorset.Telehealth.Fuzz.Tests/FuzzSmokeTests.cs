using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Fuzz.Tests;

/// <summary>
/// The CI fuzz smoke: fuzz.sh instruments this build's assemblies with SharpFuzz and runs afl-fuzz on every target for
/// a second each (the whole smoke stays under a minute). It proves the campaigns of the README still run: afl found
/// instrumentation (it refuses to start without any), executed inputs, found edges, and saved no crash and no hang.
/// </summary>
public sealed class FuzzSmokeTests
{
    private const int SecondsPerTarget = 1;

    [Fact]
    public async Task Smoke_EveryTarget_RunsInstrumentedUnderAflWithoutCrashes()
    {
        IntegrationTool.Require("the fuzz smoke runs afl-fuzz (Debian package afl++)", "afl-fuzz");
        RequireSharpFuzzTool();
        string output = Path.Combine(Path.GetTempPath(), $"dorset-fuzz-smoke-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            var watch = Stopwatch.StartNew();
            using var fuzz = ChildProcess.Start(RepositoryPaths.Combine("tests/Dorset.Telehealth.Fuzz/fuzz.sh"),
                ["--bin", FuzzBuild, "--seconds", SecondsPerTarget.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", output, "all"]);
            int exit = await fuzz.WaitForExitAsync(TimeSpan.FromMinutes(3));
            Assert.True(exit == 0, $"fuzz.sh exited {exit}: {fuzz.StandardError}");

            var problems = new List<string>();
            foreach (string target in FuzzTargets.Names)
            {
                IReadOnlyDictionary<string, string> stats = Stats(Path.Combine(output, target, "default", "fuzzer_stats"));
                if (long.Parse(stats["execs_done"]) == 0 || long.Parse(stats["edges_found"]) == 0)
                {
                    problems.Add($"{target}: {stats["execs_done"]} executions, {stats["edges_found"]} edges");
                }

                string[] found = Findings(Path.Combine(output, target, "default"));
                if (found.Length > 0)
                {
                    problems.Add($"{target}: afl saved {string.Join(", ", found)} (keep them in corpus/{target}, fix, replay)");
                }
            }

            Assert.Empty(problems);
            TestContext.Current.SendDiagnosticMessage($"fuzz smoke of {FuzzTargets.Names.Count} targets took {watch.Elapsed.TotalSeconds:F0} s");
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    // The uninstrumented build of the fuzz project next to this test's (fuzz.sh instruments a copy of it).
    private static string FuzzBuild => Path.GetDirectoryName(typeof(FuzzTarget).Assembly.Location)!;

    private static void RequireSharpFuzzTool()
    {
        using var probe = ChildProcess.Start("dotnet", ["tool", "run", "sharpfuzz"], workingDirectory: RepositoryPaths.Root);
        if (!probe.WaitForExitAsync(TimeSpan.FromMinutes(1)).GetAwaiter().GetResult().Equals(0) && !probe.StandardOutput.Contains("Usage: sharpfuzz", StringComparison.Ordinal))
        {
            IntegrationTool.Require("the fuzz smoke instruments with the SharpFuzz tool: run `dotnet tool restore` (.ci/run does)", "sharpfuzz");
        }
    }

    private static string[] Findings(string dir) =>
        new[] { "crashes", "hangs" }
            .Select(d => Path.Combine(dir, d))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.GetFiles(d).Where(f => Path.GetFileName(f) != "README.txt").Select(f => $"{Path.GetFileName(d)}/{Path.GetFileName(f)}"))
            .ToArray();

    private static IReadOnlyDictionary<string, string> Stats(string path) =>
        File.ReadAllLines(path).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
}
