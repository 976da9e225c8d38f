using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Gateway.Tests.Cli;

/// <summary>A mistyped verb is a usage error, not a request to run the whole service against the data dir.</summary>
public sealed class UnknownVerbTests
{
    [Theory]
    [InlineData("frobnicate", null)]
    [InlineData("stauts", "status")]
    public async Task MistypedVerb_ExitsTwoNamingIt_AndStartsNothing(string verb, string? suggested)
    {
        using var dir = new TempDirectory();
        // Service flags too, so that a binary that wrongly starts the service binds free ports instead of the defaults.
        string[] args = { verb, "--data-dir", dir.Path, "--mqtt-port", Port(), "--mqtts-port", "0", "--urls", "http://127.0.0.1:" + Port() };
        using var process = ChildProcess.StartDotnet(GatewayProcess.AssemblyPath, args);

        int code = await process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, code);
        Assert.Contains($"Unrecognized command or argument '{verb}'", process.StandardError, StringComparison.Ordinal);
        // The usage follows, listing the verbs.
        Assert.Contains("alerts ", process.StandardOutput, StringComparison.Ordinal);
        if (suggested != null)
        {
            Assert.Contains("Did you mean", process.StandardOutput + process.StandardError, StringComparison.Ordinal);
            Assert.Contains(suggested, process.StandardOutput + process.StandardError, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(Path.Combine(dir.Path, "gateway.db")), "nothing may be created for a mistyped verb");
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Theory]
    [InlineData("--data-dir", "DIR", "frobnicate")]
    [InlineData("--data-dir", "DIR", "status")]
    [InlineData("--data-dir", "DIR", "--urls", "URL", "units", "list")]
    [InlineData("frobnicate")]
    public async Task RefusedCommand_WithFlagsFirst_RunsNoService_AndCreatesNothing(params string[] words)
    {
        using var cwd = new TempDirectory();
        string dataDir = Path.Combine(cwd.Path, "hub");
        // Free ports too, so that a binary that wrongly starts the service binds them instead of the defaults.
        string[] args = [.. words.Select(w => w == "DIR" ? dataDir : w == "URL" ? "http://127.0.0.1:" + Port() : w), "--mqtt-port", Port(), "--mqtts-port", "0"];
        using var process = ChildProcess.Start("dotnet", [GatewayProcess.AssemblyPath, .. args], workingDirectory: cwd.Path);

        int code = await process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, code);
        Assert.DoesNotContain("Now listening", process.StandardOutput, StringComparison.Ordinal);
        // No data dir, no ./data, no hub CA: a refused command leaves the box as it was.
        Assert.Empty(Directory.GetFileSystemEntries(cwd.Path));
    }

    private static string Port() => FreePort.Next().ToString(CultureInfo.InvariantCulture);
}
