using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Xunit;

namespace Dorset.Telehealth.TestSupport;

/// <summary>One row of a README's "### Exit codes" table: the code, when it is used, and an example command line.</summary>
public sealed record DocumentedExit(int Code, string When, string Example)
{
    /// <summary>
    /// The rule every binary's table promises: no stack trace; a non-zero exit says why on stderr; a refusal or a
    /// failure is one line there and prints no result.
    /// </summary>
    public void AssertMatches(int exit, string stdout, string stderr)
    {
        Assert.True(Code == exit, $"{When}: `{Example}` exited {exit}, documented {Code}; stderr: {stderr}");
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        if (Code != 0)
        {
            Assert.False(string.IsNullOrWhiteSpace(stderr), $"{When}: exit {exit} without saying why");
        }

        if (When.StartsWith("refused", StringComparison.Ordinal) || When.StartsWith("failed", StringComparison.Ordinal))
        {
            Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Empty(stdout.Trim());
        }

        if (When.Contains("one line naming the option", StringComparison.Ordinal))
        {
            string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(Example.Split(' ')[0], line, StringComparison.Ordinal);
        }
    }
}

/// <summary>Reads the "### Exit codes" table of a README, so that a test runs each row and the doc cannot drift.</summary>
public static class DocumentedExitCodes
{
    /// <summary>The rows of <paramref name="readme"/> (relative to the repository root), in order.</summary>
    public static IReadOnlyList<DocumentedExit> Read(string readme)
    {
        string[] lines = File.ReadAllLines(RepositoryPaths.Combine(readme));
        int heading = Array.IndexOf(lines, "### Exit codes");
        Assert.True(heading >= 0, $"{readme} has no '### Exit codes' section");
        return lines.Skip(heading).SkipWhile(l => !l.StartsWith("| 0", StringComparison.Ordinal)).TakeWhile(l => l.StartsWith('|'))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Select(cells => new DocumentedExit(int.Parse(cells[1], CultureInfo.InvariantCulture), cells[2], cells[3].Trim('`')))
            .ToList();
    }

    /// <summary>The same rows as xunit theory data (code, when, example), for `[MemberData(nameof(Rows), README, MemberType = ...)]`.</summary>
    public static TheoryData<int, string, string> Rows(string readme)
    {
        var rows = new TheoryData<int, string, string>();
        foreach (DocumentedExit row in Read(readme))
        {
            rows.Add(row.Code, row.When, row.Example);
        }

        return rows;
    }

    /// <summary>The distinct codes the table documents, in order.</summary>
    public static int[] Codes(string readme) => Read(readme).Select(row => row.Code).Distinct().Order().ToArray();

    /// <summary>An example's words with each placeholder (e.g. STORE, BUSY) replaced by its value.</summary>
    public static string[] Arguments(string example, IReadOnlyDictionary<string, string> placeholders) =>
        example.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(word => placeholders.Aggregate(word, (w, p) => w.Replace(p.Key, p.Value, StringComparison.Ordinal)))
            .ToArray();
}
