using System;
using System.IO;

namespace Dorset.Telehealth.Demo.Processes;

/// <summary>The built assemblies of the three parts, found in the repository's artifacts/ folder.</summary>
public sealed record BuildOutputs(string Cloud, string Gateway, string Emulator)
{
    /// <summary>
    /// The assemblies beside this one's build: artifacts/bin/&lt;project&gt;/&lt;configuration&gt;/ (UseArtifactsOutput).
    /// </summary>
    public static BuildOutputs FromArtifacts(string binDirectory, string configuration)
    {
        string Find(string project, string assembly)
        {
            string path = Path.Combine(binDirectory, project, configuration, assembly);
            return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: build the solution ({configuration}) first", path);
        }

        return new BuildOutputs(
            Find("Dorset.Telehealth.Cloud", "dorset-cloud.dll"),
            Find("Dorset.Telehealth.Gateway", "dorset-gateway.dll"),
            Find("Dorset.Telehealth.Emulator", "emulator.dll"));
    }

    /// <summary>
    /// Finds the build beside the running assembly (artifacts/bin/&lt;its project&gt;/&lt;config&gt;/): the demo's, or the
    /// chaos harness's and the end-to-end tests' that run it.
    /// </summary>
    public static BuildOutputs BesideDemo()
    {
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return FromArtifacts(own.Parent!.Parent!.FullName, own.Name);
    }
}
