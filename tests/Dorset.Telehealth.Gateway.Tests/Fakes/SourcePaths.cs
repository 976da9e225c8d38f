using System;
using System.IO;
using System.Runtime.CompilerServices;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Gateway.Tests.Fakes;

/// <summary>
/// The repository root: RepositoryPaths when the build output is inside the repository (./artifacts), else found from
/// this source file's compile-time path (builds with --artifacts-path elsewhere, as parallel helpers do).
/// </summary>
public static class SourcePaths
{
    public static string Combine(string relative)
    {
        string root;
        try
        {
            root = RepositoryPaths.Root;
        }
        catch (TypeInitializationException)
        {
            root = FromSource();
        }

        return Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));
    }

    private static string FromSource([CallerFilePath] string path = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(path)!); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dorset.Telehealth.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Dorset.Telehealth.sln not found above " + path);
    }
}
