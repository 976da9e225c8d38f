using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Protocol.Tests.Portability;

/// <summary>
/// The ESP32 .nfproj cannot be built here, so nothing else would notice it drifting from its sources: a new adapter
/// left out of its Compile items, an item for a deleted file, a namespace imported whose package is missing from
/// packages.config, or a reference whose version differs from the package's.
/// </summary>
public sealed partial class NanoFrameworkProjectTests
{
    private static readonly NanoFrameworkProject Project = NanoFrameworkProject.Load(RepositoryPaths.Combine(NanoFrameworkProject.EspProjectPath));

    [Fact]
    public void CompileItems_AreExactlyTheSourceFilesInTheProjectFolder_AndThePortableProjectsAreImported()
    {
        string folder = Path.GetDirectoryName(Project.Path)!;
        var onDisk = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '\\'))
            .Order(StringComparer.Ordinal);

        Assert.Equal(onDisk, Project.OwnCompileItems.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["..\\Dorset.Telehealth.HomeUnit\\Dorset.Telehealth.HomeUnit.projitems", "..\\Dorset.Telehealth.Protocol\\Dorset.Telehealth.Protocol.projitems"],
            Project.Imports.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PackagesConfig_IsWhatTheCompiledSourcesImport_WithTheirDependencies()
    {
        var imports = Project.CompiledFiles
            .SelectMany(f => UsingDirective().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Namespace: m.Groups[1].Value)))
            .Where(u => !u.Namespace.StartsWith("Dorset.Telehealth", StringComparison.Ordinal))
            .ToList();
        var unknown = imports.Where(u => !NanoFrameworkPackages.ByNamespace.ContainsKey(u.Namespace)).ToList();
        Assert.True(unknown.Count == 0, "imported, but no package of NanoFrameworkPackages.ByNamespace provides it:\n" + string.Join("\n", unknown));

        var needed = NanoFrameworkPackages.WithDependencies(imports.SelectMany(u => NanoFrameworkPackages.ByNamespace[u.Namespace]));

        Assert.Equal(needed, Project.Packages.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.Equal(Project.Packages.Count, Project.Packages.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public void References_AreEveryAssemblyOfEveryPackage_AtThePackagesConfigVersion()
    {
        var expected = Project.Packages
            .SelectMany(p => NanoFrameworkPackages.Assemblies[p.Id].Select(assembly => $"packages\\{p.Id}.{p.Version}\\lib\\{assembly}.dll"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, Project.HintPaths.Order(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"^\s*using\s+([A-Za-z0-9_.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();
}
