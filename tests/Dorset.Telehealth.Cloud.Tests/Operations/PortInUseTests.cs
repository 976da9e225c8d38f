using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Tests.Fixtures;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Cloud.Tests.Operations;

/// <summary>A port another process holds is one line naming it and exit 2, not a crash with its stack printed twice.</summary>
public sealed class PortInUseTests
{
    [Fact]
    public async Task Service_PortAlreadyInUse_ExitsTwoWithOneLineNamingThePort()
    {
        using var dir = new TempDirectory();
        using var busy = new TcpListener(IPAddress.Loopback, FreePort.Next());
        busy.Start();
        string port = ((IPEndPoint)busy.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        using var cloud = ChildProcess.StartDotnet(CloudBinary.Path, ["--data-dir", dir.Path, "--urls", "http://127.0.0.1:" + port]);

        int code = await cloud.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, code);
        string line = Assert.Single(cloud.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal($"cloud not started: HTTP http://127.0.0.1:{port}: port {port} is already in use (another process listens on 127.0.0.1:{port})", line);
        Assert.DoesNotContain("   at ", cloud.StandardOutput, StringComparison.Ordinal);
    }
}
