using System;
using System.IO;
using System.Linq;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Protocol.Tests.Portability;

public class PortabilityGuardTests
{
    /// <summary>The portable projects: their sources are linked unchanged into the ESP32 .nfproj.</summary>
    public static TheoryData<string> PortableProjects() => new("firmware/Dorset.Telehealth.Protocol", "firmware/Dorset.Telehealth.HomeUnit");

    [Theory]
    [MemberData(nameof(PortableProjects))]
    public void PortableProject_UsesOnlyTheNanoFrameworkSubset(string folder)
    {
        var violations = PortabilityGuard.CheckFolders(RepositoryPaths.Combine(folder), RepositoryPaths.Combine("firmware/Dorset.Telehealth.Protocol"));

        Assert.True(violations.Count == 0, "outside the nanoFramework subset:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void NonPortableSample_TripsEveryRule_OnTheLineThatBreaksIt()
    {
        var violations = PortabilityGuard.Check([("NonPortableSample.cs", Sample("NonPortableSample.cs.txt"))]);
        var found = violations.Select(v => (v.Line, v.Rule)).ToHashSet();

        (int Line, PortabilityRule Rule)[] expected =
        [
            (11, PortabilityRule.Record),
            (15, PortabilityRule.Generics),
            (17, PortabilityRule.NullableValueType),
            (19, PortabilityRule.Async),
            (21, PortabilityRule.Linq),
            (23, PortabilityRule.Yield),
            (25, PortabilityRule.StringJoin),
            (27, PortabilityRule.ArrayEmpty),
            (29, PortabilityRule.DateTimeOffset),
            (31, PortabilityRule.SystemMath),
            (33, PortabilityRule.Stopwatch),
            (35, PortabilityRule.SpanOrMemory),
            (37, PortabilityRule.Tuple),
            (39, PortabilityRule.Generics),
            (41, PortabilityRule.Linq),
        ];
        var missing = expected.Where(e => !found.Contains(e)).ToList();
        Assert.True(missing.Count == 0, "not caught: " + string.Join(", ", missing) + "\nfound:\n" + string.Join("\n", violations));
        Assert.True(violations.All(v => expected.Any(e => e.Line == v.Line)), "fired on a portable line:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void EspProject_EveryFileTheNfprojCompiles_UsesOnlyTheNanoFrameworkSubset()
    {
        var project = NanoFrameworkProject.Load(RepositoryPaths.Combine(NanoFrameworkProject.EspProjectPath));
        string adapters = Path.GetDirectoryName(project.Path)! + Path.DirectorySeparatorChar;

        var violations = PortabilityGuard.Check(project.CompiledFiles.Select(f => (f, File.ReadAllText(f))), requireClean: true,
            isAdapter: f => f.StartsWith(adapters, StringComparison.Ordinal));

        Assert.True(violations.Count == 0, "outside the nanoFramework subset:\n" + string.Join("\n", violations));
        Assert.Contains(project.CompiledFiles, f => f.StartsWith(adapters, StringComparison.Ordinal) && f.EndsWith("Esp32BleCentral.cs", StringComparison.Ordinal));
        Assert.Contains(project.CompiledFiles, f => f.EndsWith("HomeUnitRuntime.cs", StringComparison.Ordinal));
        Assert.Contains(project.CompiledFiles, f => f.EndsWith("UplinkFrameEncoder.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void NonPortableAdapterSample_TripsEveryRuleThatNeedsNoBinding_AndIgnoresNamesThatCannotBind()
    {
        var violations = PortabilityGuard.Check([("NonPortableAdapterSample.cs", Sample("NonPortableAdapterSample.cs.txt"))], requireClean: true, isAdapter: _ => true);
        var found = violations.Select(v => (v.Line, v.Rule)).ToHashSet();

        (int Line, PortabilityRule Rule)[] expected =
        [
            (4, PortabilityRule.Linq),
            (11, PortabilityRule.Generics),
            (13, PortabilityRule.NullableValueType),
            (17, PortabilityRule.Generics),
            (19, PortabilityRule.Async),
            (21, PortabilityRule.Tuple),
        ];
        var missing = expected.Where(e => !found.Contains(e)).ToList();
        Assert.True(missing.Count == 0, "not caught: " + string.Join(", ", missing) + "\nfound:\n" + string.Join("\n", violations));
        Assert.True(violations.All(v => expected.Any(e => e.Line == v.Line)), "fired on a portable line:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void PortableSample_HasNoViolations()
    {
        var violations = PortabilityGuard.Check([("PortableSample.cs", Sample("PortableSample.cs.txt"))]);

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    private static string Sample(string name) =>
        File.ReadAllText(RepositoryPaths.Combine("tests/Dorset.Telehealth.Protocol.Tests/Portability/Samples/" + name));
}
