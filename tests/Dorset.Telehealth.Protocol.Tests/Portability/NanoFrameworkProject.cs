using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace Dorset.Telehealth.Protocol.Tests.Portability;

/// <summary>
/// The ESP32 app's .nfproj as MSBuild would see it, read without the nanoFramework project system (which is not on
/// the build machines): its own Compile items, those of the .projitems it imports (the portable projects' wildcards
/// expanded the way MSBuild expands them), its references, and the packages.config beside it.
/// </summary>
public sealed class NanoFrameworkProject
{
    /// <summary>The ESP32 app, relative to the repository root.</summary>
    public const string EspProjectPath = "firmware/Dorset.Telehealth.HomeUnit.Esp32/Dorset.Telehealth.HomeUnit.Esp32.nfproj";

    private static readonly XNamespace Msbuild = "http://schemas.microsoft.com/developer/msbuild/2003";

    private NanoFrameworkProject(string path, IReadOnlyList<string> ownItems, IReadOnlyList<string> compiledFiles,
        IReadOnlyList<string> imports, IReadOnlyList<string> hintPaths, IReadOnlyList<(string Id, string Version)> packages)
    {
        Path = path;
        OwnCompileItems = ownItems;
        CompiledFiles = compiledFiles;
        Imports = imports;
        HintPaths = hintPaths;
        Packages = packages;
    }

    /// <summary>The .nfproj's full path.</summary>
    public string Path { get; }

    /// <summary>The project's own Compile items, as written (relative, backslashes).</summary>
    public IReadOnlyList<string> OwnCompileItems { get; }

    /// <summary>Every file the build compiles: the own items and the imported .projitems' items, full paths.</summary>
    public IReadOnlyList<string> CompiledFiles { get; }

    /// <summary>The .projitems imported, as written.</summary>
    public IReadOnlyList<string> Imports { get; }

    /// <summary>Every reference's HintPath, as written.</summary>
    public IReadOnlyList<string> HintPaths { get; }

    /// <summary>The packages.config entries.</summary>
    public IReadOnlyList<(string Id, string Version)> Packages { get; }

    /// <summary>Reads the project at <paramref name="path"/>.</summary>
    public static NanoFrameworkProject Load(string path)
    {
        string directory = System.IO.Path.GetDirectoryName(path)!;
        XDocument project = XDocument.Load(path);
        var own = project.Descendants(Msbuild + "Compile").Select(c => (string)c.Attribute("Include")!).ToList();
        var imports = project.Descendants(Msbuild + "Import").Select(i => (string)i.Attribute("Project")!)
            .Where(p => p.EndsWith(".projitems", StringComparison.Ordinal)).ToList();
        var files = own.SelectMany(item => Expand(directory, item, [])).ToList();
        foreach (string import in imports)
        {
            string projitems = System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, Local(import)));
            string itemsDirectory = System.IO.Path.GetDirectoryName(projitems)! + System.IO.Path.DirectorySeparatorChar;
            foreach (XElement compile in XDocument.Load(projitems).Descendants(Msbuild + "Compile"))
            {
                string include = ((string)compile.Attribute("Include")!).Replace("$(MSBuildThisFileDirectory)", string.Empty, StringComparison.Ordinal);
                string[] excludes = ((string?)compile.Attribute("Exclude") ?? string.Empty)
                    .Replace("$(MSBuildThisFileDirectory)", string.Empty, StringComparison.Ordinal).Split(';', StringSplitOptions.RemoveEmptyEntries);
                files.AddRange(Expand(itemsDirectory, include, excludes));
            }
        }

        var hintPaths = project.Descendants(Msbuild + "HintPath").Select(h => h.Value.Trim()).ToList();
        var packages = XDocument.Load(System.IO.Path.Combine(directory, "packages.config")).Descendants("package")
            .Select(p => ((string)p.Attribute("id")!, (string)p.Attribute("version")!)).ToList();
        return new NanoFrameworkProject(path, own, files.Distinct().OrderBy(f => f, StringComparer.Ordinal).ToList(), imports, hintPaths, packages);
    }

    /// <summary>An item's files: a path, or a path ending in `*.cs` or `**\*.cs` as MSBuild expands it; excludes of the form `folder\**`.</summary>
    private static IEnumerable<string> Expand(string directory, string include, string[] excludes)
    {
        string local = Local(include);
        string[] excluded = excludes.Select(e => System.IO.Path.Combine(directory, Local(e).Replace("**", string.Empty, StringComparison.Ordinal))).ToArray();
        IEnumerable<string> found;
        if (local.Contains("**", StringComparison.Ordinal))
        {
            string root = System.IO.Path.Combine(directory, local[..local.IndexOf("**", StringComparison.Ordinal)]);
            found = Directory.EnumerateFiles(root, System.IO.Path.GetFileName(local), SearchOption.AllDirectories);
        }
        else if (local.Contains('*', StringComparison.Ordinal))
        {
            found = Directory.EnumerateFiles(System.IO.Path.Combine(directory, System.IO.Path.GetDirectoryName(local)!), System.IO.Path.GetFileName(local));
        }
        else
        {
            found = [System.IO.Path.Combine(directory, local)];
        }

        return found.Select(System.IO.Path.GetFullPath).Where(f => !excluded.Any(e => f.StartsWith(e, StringComparison.Ordinal)));
    }

    private static string Local(string msbuildPath) => msbuildPath.Replace('\\', System.IO.Path.DirectorySeparatorChar);
}
