using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Dorset.Telehealth.Cloud.Ingestion;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Cloud.Tests.Contract;

/// <summary>
/// The gateway team builds from the tables in cloud/README.md "Alerts contract (v1)", never from this code: the
/// closed lists and the default limit the tables state must be the ones the parser enforces.
/// </summary>
public sealed partial class AlertsReadmeTests
{
    private static readonly string[] s_section = Section();

    [Theory]
    [InlineData("level")]
    [InlineData("state")]
    [InlineData("score.escalation")]
    [InlineData("score.parameters[].name")]
    public void AlertTable_ClosedLists_EqualTheParsers(string property)
    {
        IReadOnlyList<string> code = property switch
        {
            "level" => AlertBatchParser.Levels,
            "state" => AlertBatchParser.States,
            "score.escalation" => AlertBatchParser.Escalations,
            _ => AlertBatchParser.ScoreParameters,
        };

        string rule = Row(property)[3];

        Assert.Equal(code, Backticked().Matches(rule).Select(m => m.Groups[1].Value));
    }

    [Fact]
    public void AlertTable_DefaultBatchLimit_EqualsTheOption()
    {
        Assert.Contains($"(default {new IngestionOptions().MaxBatchAlerts})", Row("alerts")[2], StringComparison.Ordinal);
    }

    private static string[] Row(string property) =>
        s_section.Select(l => l.Split('|')).Single(cells => cells.Length > 3 && cells[1].Trim() == $"`{property}`");

    private static string[] Section()
    {
        string[] lines = File.ReadAllLines(RepositoryPaths.Combine("cloud/README.md"));
        int start = Array.IndexOf(lines, "## Alerts contract (v1)");
        int end = Array.FindIndex(lines, start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        return lines[start..end];
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();
}
