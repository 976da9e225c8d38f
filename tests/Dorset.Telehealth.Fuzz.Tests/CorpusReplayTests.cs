using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Fuzz.Tests;

/// <summary>
/// Every file of the kept corpus (tests/Dorset.Telehealth.Fuzz/corpus: the minimised campaign corpora, the seeds and
/// every crasher ever found) through every target's entry point, uninstrumented and without afl: a fixed finding stays
/// fixed, and no target breaks its contract on another target's inputs either.
/// </summary>
public sealed class CorpusReplayTests
{
    public static TheoryData<string> Targets() => new(FuzzTargets.Names);

    [Fact]
    public void Corpus_EveryTarget_HasItsOwnInputs()
    {
        string[] missing = FuzzTargets.Names.Where(t => !Directory.Exists(Path.Combine(CorpusRoot, t)) || Directory.GetFiles(Path.Combine(CorpusRoot, t)).Length == 0).ToArray();

        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Replay_EveryCorpusFile_NoCrash(string name)
    {
        FuzzTarget target = FuzzTargets.Create(name);
        var crashes = new List<string>();
        try
        {
            foreach (string file in Directory.GetFiles(CorpusRoot, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                try
                {
                    target.Run(File.ReadAllBytes(file));
                }
                catch (Exception ex)
                {
                    crashes.Add($"{Path.GetRelativePath(CorpusRoot, file)}: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }
        finally
        {
            (target as IDisposable)?.Dispose();
        }

        Assert.Empty(crashes);
    }

    private static string CorpusRoot => RepositoryPaths.Combine("tests/Dorset.Telehealth.Fuzz/corpus");
}
