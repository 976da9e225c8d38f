using System.IO;

namespace Dorset.Telehealth.Cloud.Tests.Fixtures;

/// <summary>The built cloud (dorset-cloud.dll, copied beside the tests with its runtimeconfig) for tests that need real processes.</summary>
public static class CloudBinary
{
    /// <summary>The .dll to start with `dotnet`.</summary>
    public static string Path { get; } = System.IO.Path.Combine(System.AppContext.BaseDirectory, "dorset-cloud.dll");

    static CloudBinary()
    {
        if (!File.Exists(Path))
        {
            throw new FileNotFoundException("dorset-cloud.dll is not beside the tests; build the test project", Path);
        }
    }
}
