using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.EndToEnd.Tests;

/// <summary>
/// HAZARD-LOG.md counts a control only when a test proves it, so every test it names must exist: a renamed or deleted
/// test would otherwise leave a hazard looking controlled when nothing checks it.
/// </summary>
public sealed partial class HazardLogTests
{
    [Fact]
    public void EveryTestNamedInTheHazardLog_ExistsInTheProjectItNames()
    {
        var missing = new List<string>();
        int checkedNames = 0;
        foreach (string row in File.ReadLines(RepositoryPaths.Combine("HAZARD-LOG.md")).Where(l => HazardRow().IsMatch(l)))
        {
            string hazard = row.Split('|')[1].Trim();
            string provedBy = row.Split('|')[^2];
            string? project = null;
            foreach (string segment in provedBy.Split(';'))
            {
                Match prefix = ProjectPrefix().Match(segment);
                if (prefix.Success)
                {
                    project = prefix.Groups[1].Value;
                }

                Assert.True(project != null, $"{hazard}: '{segment.Trim()}' names no test project");
                string source = ProjectSource(project!);
                string? className = null;
                foreach (Match name in BacktickedName().Matches(segment))
                {
                    string[] parts = name.Groups[1].Value.Split('.');
                    if (parts.Length == 2)
                    {
                        className = parts[0];
                    }

                    string member = parts[^1];
                    // A test is a method declared as `void Name(` or `Task Name(`: a call or a helper of that name is not.
                    string test = $@"\b(void|Task) {member}\(";
                    bool exists = parts.Length == 2
                        ? Regex.IsMatch(source, $@"\bclass {parts[0]}\b") && Regex.IsMatch(source, test)
                        : Regex.IsMatch(source, $@"\bclass {member}\b") || Regex.IsMatch(source, test);
                    checkedNames++;
                    if (!exists)
                    {
                        missing.Add($"{hazard}: {project}: {(parts.Length == 1 && className != null ? className + "." : "")}{name.Groups[1].Value}");
                    }
                }
            }
        }

        Assert.True(checkedNames > 50, $"only {checkedNames} test names were found: has the table's format changed?");
        Assert.True(missing.Count == 0, "named in HAZARD-LOG.md but not found:\n" + string.Join("\n", missing));
    }

    private static readonly Dictionary<string, string> s_sources = new(StringComparer.Ordinal);

    private static string ProjectSource(string project)
    {
        if (!s_sources.TryGetValue(project, out string? text))
        {
            string dir = RepositoryPaths.Combine("tests/Dorset.Telehealth." + project);
            Assert.True(Directory.Exists(dir), $"HAZARD-LOG.md names test project {project}, which does not exist");
            text = string.Join("\n", Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Select(File.ReadAllText));
            s_sources[project] = text;
        }

        return text;
    }

    [GeneratedRegex(@"^\| H\d+ \|")]
    private static partial Regex HazardRow();

    [GeneratedRegex(@"^\s*([A-Za-z]+\.Tests):")]
    private static partial Regex ProjectPrefix();

    // `Class.Method`, `Method` (of the class named before it) or `Class`; patterns with * and prose like `duplicate 0` are not names.
    [GeneratedRegex(@"`([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)`")]
    private static partial Regex BacktickedName();
}
