using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Tests.Fixtures;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Cloud.Tests.Cli;

/// <summary>
/// The exit-code table of cloud/README.md, row by row against the built `dorset-cloud` binary, under the rule the
/// gateway's table keeps (2 the command is at fault, 1 the store is): the README and the code cannot drift apart.
/// </summary>
public sealed class DocumentedExitCodesTests
{
    private const string Readme = "cloud/README.md";

    public static TheoryData<int, string, string> Rows() => DocumentedExitCodes.Rows(Readme);

    [Fact]
    public void TheTableDocumentsEveryExitCodeTheBinaryUses() => Assert.Equal(new[] { 0, 1, 2 }, DocumentedExitCodes.Codes(Readme));

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task DocumentedExample_ExitsAsDocumented_WithoutAStackTrace(int code, string when, string example)
    {
        using var store = new TempDirectory();
        using var broken = new TempDirectory();
        Assert.Equal(0, (await RunAsync("gateways", "add", "--id", "gw-1", "--hub", "poole", "--data-dir", store.Path)).Code);
        Assert.Equal(0, (await RunAsync("patients", "add", "--nhs-number", "9434765919", "--name", "Ann Example", "--data-dir", store.Path)).Code);
        Assert.Equal(0, (await RunAsync("units", "assign", "--unit", "unit-9", "--patient", "9434765919", "--from", "2026-01-01", "--hub", "poole", "--data-dir", store.Path)).Code);
        File.WriteAllText(Path.Combine(broken.Path, "cloud.db"), "this is not a SQLite database, it is a note someone saved here\n");
        using var busy = new TcpListener(IPAddress.Loopback, FreePort.Next());
        busy.Start();
        string busyPort = ((IPEndPoint)busy.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        string[] args = DocumentedExitCodes.Arguments(example, new Dictionary<string, string> { ["STORE"] = store.Path, ["BROKEN"] = broken.Path, ["BUSY"] = busyPort });

        var (exit, stdout, stderr) = await RunAsync(args);

        new DocumentedExit(code, when, example).AssertMatches(exit, stdout, stderr);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using ChildProcess process = ChildProcess.StartDotnet(CloudBinary.Path, args);
        int code = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (code, process.StandardOutput, process.StandardError);
    }
}
