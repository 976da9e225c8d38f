using System;
using System.IO;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dorset.Telehealth.Gateway.Tests.Cli;

/// <summary>`status --watch N`: the console's terminal twin redraws and shows what changed since the last draw.</summary>
public sealed class StatusWatchTests
{
    [Fact]
    public async Task StatusWatch_RedrawsAndShowsANewAlert_AndABadIntervalIsRefused()
    {
        using var dir = new TempDirectory();
        await GatewayProcess.RunAsync("units", "add", "--host", "127.0.0.1", "--id", "unit-1", "--patient-ref", "case-9", "--data-dir", dir.Path);
        var bad = await GatewayProcess.RunAsync("status", "--watch", "0", "--data-dir", dir.Path);
        using var watch = ChildProcess.StartDotnet(GatewayProcess.AssemblyPath, new[] { "status", "--watch", "1", "--data-dir", dir.Path });
        await watch.WaitForOutputAsync("open alerts (0)", TimeSpan.FromSeconds(30));

        await using (var writer = new GroupCommitWriter(new GatewayDatabase(Path.Combine(dir.Path, "gateway.db")), NullLogger<GroupCommitWriter>.Instance))
        {
            await writer.CommitFrameAsync("unit-1", "t", new byte[] { 1 }, new[] { Readings.Glucose(1, 1, "2.7") }, new string?[1], DateTimeOffset.UtcNow);
        }

        await watch.WaitForOutputAsync("open alerts (1)", TimeSpan.FromSeconds(30));

        Assert.Equal(2, bad.Code);
        Assert.Contains("--watch takes 1..3600 seconds", bad.Stderr, StringComparison.Ordinal);
        Assert.Contains("every 1 s (Ctrl-C stops)", watch.StandardOutput, StringComparison.Ordinal);
    }
}
