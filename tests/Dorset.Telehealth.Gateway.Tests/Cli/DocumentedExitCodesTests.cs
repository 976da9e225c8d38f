using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Gateway.Tests.Cli;

/// <summary>
/// The exit-code table of gateway/README.md, row by row: each documented example runs against the built binary and
/// must exit as documented, on stderr with no stack trace, so that the README and the code cannot drift apart.
/// </summary>
public sealed class DocumentedExitCodesTests
{
    private const string Readme = "gateway/README.md";

    public static TheoryData<int, string, string> Rows() => DocumentedExitCodes.Rows(Readme);

    [Fact]
    public void TheTableDocumentsEveryExitCodeTheBinaryUses() => Assert.Equal(new[] { 0, 1, 2 }, DocumentedExitCodes.Codes(Readme));

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task DocumentedExample_ExitsAsDocumented_WithoutAStackTrace(int code, string when, string example)
    {
        using var hub = new TempDirectory();
        using var empty = new TempDirectory();
        using var broken = new TempDirectory();
        Assert.Equal(0, (await GatewayProcess.RunAsync("units", "add", "--host", "127.0.0.1", "--id", "unit-1", "--data-dir", hub.Path)).Code);
        File.WriteAllText(Path.Combine(broken.Path, "gateway.db"), "this is not a SQLite database, it is a note someone saved here\n");
        using var busy = new TcpListener(IPAddress.Loopback, FreePort.Next());
        busy.Start();
        string busyPort = ((IPEndPoint)busy.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        string[] args = DocumentedExitCodes.Arguments(example, new Dictionary<string, string>
        {
            ["HUB"] = hub.Path, ["EMPTY"] = empty.Path, ["BROKEN"] = broken.Path, ["BUSY"] = busyPort,
            ["FREE"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        });

        var (exit, stdout, stderr) = await GatewayProcess.RunAsync(args);

        new DocumentedExit(code, when, example).AssertMatches(exit, stdout, stderr);
        if (example.Contains("BUSY", StringComparison.Ordinal))
        {
            string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.Contains(busyPort, line, StringComparison.Ordinal);
        }
    }
}
