using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Gateway.Tests.Cli;

/// <summary>
/// `provision` run by a user who cannot open the service's data dir (a new user's first try, without sudo): one line
/// naming the folder and the way out, exit 2, never a stack trace. As root the verb runs as `nobody` through setpriv,
/// since root opens everything; as any other user the folder is simply closed to it.
/// </summary>
public sealed class ProvisionDataDirAccessTests
{
    private const int Nobody = 65534;

    [Theory]
    [InlineData("provision", "--port", "/dev/ttyUSB0", "--unit")]
    [InlineData("units", "add", "--id")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task ADataDirTheUserCannotOpen_IsRefusedOnOneLine_WithoutAStackTrace(params string[] verb)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("POSIX file modes");
        }

        using var parent = new TempDirectory();
        string dataDir = Path.Combine(parent.Path, "service-data");
        Directory.CreateDirectory(dataDir);
        bool root = Environment.UserName == "root";
        // The parent must be passable for the other user to reach the closed folder at all; not as root, the folder is
        // closed to its owner too, so no other account is needed.
        File.SetUnixFileMode(parent.Path, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(dataDir, root ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute : UnixFileMode.None);
        string[] args = [GatewayProcess.AssemblyPath, .. verb, "unit-1", "--host", "127.0.0.1", "--data-dir", dataDir];

        using ChildProcess process = root
            ? ChildProcess.Start(IntegrationTool.Require("runs the verb as a user without access to the data dir", "setpriv"),
                [$"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups", "dotnet", .. args], environment: new Dictionary<string, string> { ["HOME"] = parent.Path })
            : ChildProcess.Start("dotnet", args);
        int code = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        File.SetUnixFileMode(dataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        Assert.Equal(2, code);
        string line = Assert.Single(process.StandardError.Trim().Split('\n'));
        Assert.StartsWith($"refused: cannot use the data dir {dataDir} as ", line, StringComparison.Ordinal);
        Assert.Contains("run it as the gateway service's user", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", process.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("secret: ", process.StandardOutput, StringComparison.Ordinal);
    }
}
