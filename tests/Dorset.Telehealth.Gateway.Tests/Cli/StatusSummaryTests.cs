using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dorset.Telehealth.Gateway.Tests.Cli;

/// <summary>
/// `status` against a running gateway: the hub in labelled lines no wider than 100 columns (the /health document
/// summarised, not pasted into a table), and `--json` for scripts that want the document itself.
/// </summary>
public sealed class StatusSummaryTests
{
    private static readonly string[] s_labels =
        ["MQTT broker", "Home units", "Cloud link", "Waiting for the cloud", "Readings stored", "Quarantined frames", "Free disk", "Buzzer"];

    [Fact]
    public async Task Status_AgainstTheRunningService_SummarisesEachPartInALineOfAtMost100Columns()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, (await GatewayProcess.RunAsync("units", "add", "--host", "127.0.0.1", "--id", "unit-1", "--data-dir", dir.Path)).Code);
        Assert.Equal(0, (await GatewayProcess.RunAsync("units", "add", "--host", "127.0.0.1", "--id", "unit-2", "--data-dir", dir.Path)).Code);
        await using (var writer = new GroupCommitWriter(new GatewayDatabase(Path.Combine(dir.Path, "gateway.db")), NullLogger<GroupCommitWriter>.Instance))
        {
            // A hypo (a red-urgent alert, so the alert LED is on) and a frame that failed to decode.
            await writer.CommitFrameAsync("unit-1", "t", new byte[] { 1 }, new[] { Readings.Glucose(1, 1, "2.7") }, new string?[1], DateTimeOffset.UtcNow);
            await writer.QuarantineAsync("unit-2", "dorset/v1/unit-2/readings", new byte[] { 9, 9 }, "bad CRC-32", DateTimeOffset.UtcNow);
        }

        int http = FreePort.Next();
        using var service = await GatewayProcess.StartServiceAsync(dir.Path, FreePort.Next(), http);
        string urls = $"http://127.0.0.1:{http.ToString(CultureInfo.InvariantCulture)}";

        var (code, stdout, stderr) = await GatewayProcess.RunAsync("status", "--data-dir", dir.Path, "--urls", urls);
        var json = await GatewayProcess.RunAsync("status", "--json", "--data-dir", dir.Path, "--urls", urls);

        Assert.True(code == 0, stderr);
        string[] head = stdout.Split('\n').Take(s_labels.Length).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(s_labels, head.Select(line => s_labels.Single(label => line.StartsWith(label + " ", StringComparison.Ordinal))));
        Assert.All(head, line => Assert.True(line.Length <= 100, $"{line.Length} columns: {line}"));
        Assert.DoesNotContain("\"checks\"", stdout, StringComparison.Ordinal);
        Assert.Matches(@"^MQTT broker\s+listening$", head[0]);
        Assert.Matches(@"^Home units\s+0 online, 2 offline$", head[1]);
        Assert.Matches(@"^Cloud link\s+not configured \(readings are kept here\)$", head[2]);
        Assert.Matches(@"^Waiting for the cloud\s+1 readings, the oldest \d+ min ago$", head[3]);
        Assert.Matches(@"^Readings stored\s+1$", head[4]);
        Assert.Matches(@"^Quarantined frames\s+1$", head[5]);
        // From the service's disk check: nothing measured by the CLI itself.
        Assert.Matches(@"^Free disk\s+\d+\.\d GB$", head[6]);
        Assert.Matches(@"^Buzzer\s+(sounding|silenced \(a red alert is still unacknowledged\))$", head[7]);

        Assert.True(json.Code == 0, json.Stderr);
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.Equal("Healthy", document.RootElement.GetProperty("checks").GetProperty("broker").GetProperty("status").GetString());
        Assert.True(document.RootElement.GetProperty("checks").GetProperty("disk").GetProperty("data").GetProperty("freeBytes").GetInt64() > 0);
    }

    [Fact]
    public async Task Status_WithTheServiceDown_SaysSoInOneLine_AndMeasuresTheDiskItself_AndJsonFails()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, (await GatewayProcess.RunAsync("units", "add", "--host", "127.0.0.1", "--id", "unit-1", "--data-dir", dir.Path)).Code);
        string urls = $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}";

        var (code, stdout, stderr) = await GatewayProcess.RunAsync("status", "--data-dir", dir.Path, "--urls", urls);
        var json = await GatewayProcess.RunAsync("status", "--json", "--data-dir", dir.Path, "--urls", urls);

        Assert.True(code == 0, stderr);
        Assert.Matches($@"(?m)^MQTT broker\s+service not reachable at {Regex.Escape(urls)}/health: .+$", stdout);
        Assert.Matches(@"(?m)^Free disk\s+\d+\.\d GB \(measured on the data dir\)$", stdout);
        Assert.Matches(@"(?m)^Buzzer\s+quiet$", stdout);
        Assert.All(stdout.Split('\n').Take(s_labels.Length), line => Assert.True(line.Length <= 100, line));
        Assert.Equal(1, json.Code);
        Assert.StartsWith($"failed: the service did not answer at {urls}/health: ", Assert.Single(json.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Empty(json.Stdout);
    }
}
