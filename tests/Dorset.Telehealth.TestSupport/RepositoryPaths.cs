using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Dorset.Telehealth.TestSupport;

/// <summary>Locates files of this repository from a test's output directory, or failing that from where it was built.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding Dorset.Telehealth.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path below the repository root, given with forward slashes.</summary>
    public static string Combine(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dorset.Telehealth.sln")))
            {
                return dir.FullName;
            }
        }

        string? built = typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (built != null && File.Exists(Path.Combine(built, "Dorset.Telehealth.sln")))
        {
            return built;
        }

        throw new InvalidOperationException($"Dorset.Telehealth.sln not found above {AppContext.BaseDirectory} nor at {built}");
    }
}
