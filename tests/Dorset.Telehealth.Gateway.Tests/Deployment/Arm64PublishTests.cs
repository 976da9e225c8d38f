using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Gateway.Tests.Deployment;

/// <summary>The Raspberry Pi build: a self-contained linux-arm64 publish that starts under qemu and reports healthy.</summary>
public sealed class Arm64PublishTests
{
    [Fact]
    public async Task PublishLinuxArm64_StartedUnderQemu_AnswersHealthy()
    {
        string qemu = IntegrationTool.Require("runs the Raspberry Pi build on this machine (qemu-user-static + arm64 libraries, see DEVELOPERS.md)",
            "qemu-aarch64-static", "/usr/bin/qemu-aarch64-static");
        using var work = new TempDirectory();
        string output = Path.Combine(work.Path, "out");
        string project = SourcePaths.Combine("gateway/Dorset.Telehealth.Gateway/Dorset.Telehealth.Gateway.csproj");

        using (var publish = ChildProcess.Start("dotnet", new[]
        {
            "publish", project, "-r", "linux-arm64", "--self-contained", "-c", "Release", "-o", output,
            "--artifacts-path", Path.Combine(work.Path, "artifacts"), "-nologo",
        }))
        {
            int code = await publish.WaitForExitAsync(TimeSpan.FromMinutes(8));
            Assert.True(code == 0, $"publish failed ({code}): {publish.StandardOutput}\n{publish.StandardError}");
        }

        string binary = Path.Combine(output, "dorset-gateway");
        Assert.True(File.Exists(binary), "no apphost in the publish output");
        Assert.True(File.Exists(Path.Combine(output, "libe_sqlite3.so")), "the native SQLite for arm64 is missing");
        Assert.True(File.Exists(Path.Combine(output, "deploy", "dorset-gateway.service")), "the systemd unit is not shipped with the build");

        int httpPort = FreePort.Next();
        int mqttPort = FreePort.Next();
        using var gateway = ChildProcess.Start(qemu, new[]
        {
            binary, "--data-dir", Path.Combine(work.Path, "data"), "--urls", $"http://127.0.0.1:{httpPort}",
            "--mqtt-port", mqttPort.ToString(CultureInfo.InvariantCulture), "--mqtts-port", "0",
        }, workingDirectory: output);

        // Emulated arm64 JIT is slow: allow the 60 s test-infrastructure.md measured on a loaded machine, and some.
        await gateway.WaitHealthyAsync(httpPort, TimeSpan.FromSeconds(120));
        using var http = new HttpClient();
        string health = await http.GetStringAsync($"http://127.0.0.1:{httpPort}/health");
        Assert.Contains("\"status\":\"Healthy\"", health, StringComparison.Ordinal);
    }
}
