using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.EndToEnd.Tests;

/// <summary>
/// The demo binary's command line: help and a mistyped option start nothing; a port in use is one line naming it and
/// exit 2; what it provisioned is this user's only.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DemoCommandLineTests : IDisposable
{
    private static readonly UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private static readonly UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly string _parent = Path.Combine(Path.GetTempPath(), "dorset-democli-" + Guid.NewGuid().ToString("N"));

    public DemoCommandLineTests() => Directory.CreateDirectory(_parent);

    private string DataDir => Path.Combine(_parent, "demo");

    [Theory]
    [InlineData(0, "--help")]
    [InlineData(2, "--bogus")]
    [InlineData(2, "--units", "0")]
    public async Task HelpOrABadOption_ExitsAtOnce_ProvisioningAndStartingNothing(int expected, params string[] args)
    {
        using var demo = Demo([.. args, "--data-dir", DataDir, .. FreePorts()]);

        int code = await demo.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(expected, code);
        Assert.Contains("--data-dir", demo.StandardOutput, StringComparison.Ordinal);
        Assert.False(Directory.Exists(DataDir), "nothing may be provisioned for " + string.Join(' ', args));
    }

    [Fact]
    public async Task CloudPortInUse_OneLineNamingIt_ExitTwo_AndTheProvisionedFilesAreOwnerOnly()
    {
        using var busy = new TcpListener(IPAddress.Loopback, FreePort.Next());
        busy.Start();
        string port = ((IPEndPoint)busy.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        using var demo = Demo("--data-dir", DataDir, "--units", "2", "--cloud-port", port,
            "--gateway-port", Port(), "--mqtt-port", Port());

        int code = await demo.WaitForExitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(2, code);
        string line = Assert.Single(demo.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith($"demo stopped: cloud not started: HTTP http://127.0.0.1:{port}: port {port} is already in use", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", demo.StandardOutput + demo.StandardError, StringComparison.Ordinal);
        // Names, NHS numbers, secrets and logs: the directory is this user's only, and so is each database.
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(DataDir));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(DataDir, "cloud", "cloud.db")));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(DataDir, "gateway", "gateway.db")));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(DataDir, "cloud.log")));
    }

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    private static ChildProcess Demo(params string[] args) =>
        ChildProcess.StartDotnet(Path.Combine(AppContext.BaseDirectory, "demo.dll"), args, environment: new System.Collections.Generic.Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1" });

    private static string[] FreePorts() => ["--cloud-port", Port(), "--gateway-port", Port(), "--mqtt-port", Port()];

    private static string Port() => FreePort.Next().ToString(CultureInfo.InvariantCulture);
}
