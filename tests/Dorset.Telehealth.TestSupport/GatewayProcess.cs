using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Dorset.Telehealth.TestSupport;

/// <summary>
/// The gateway binary of the calling test project's output (every project that starts it references the gateway),
/// run as a real process: a CLI verb to completion, or the service until its /health answers.
/// </summary>
public static class GatewayProcess
{
    public static string AssemblyPath => Path.Combine(AppContext.BaseDirectory, "dorset-gateway.dll");

    /// <summary>Runs a verb to completion; returns exit code, stdout and stderr.</summary>
    public static Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    /// <summary>Runs a verb with <paramref name="stdin"/> as its standard input.</summary>
    public static async Task<(int Code, string Stdout, string Stderr)> RunWithInputAsync(string? stdin, params string[] args)
    {
        using var process = ChildProcess.StartDotnet(AssemblyPath, args, stdin, environment: Quiet());
        int code = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (code, process.StandardOutput, process.StandardError);
    }

    /// <summary>Starts the service and waits until /health answers 200.</summary>
    public static async Task<ChildProcess> StartServiceAsync(string dataDir, int mqttPort, int httpPort, params string[] extra)
    {
        var args = new List<string>
        {
            "--data-dir", dataDir, "--mqtt-port", mqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--mqtts-port", "0", "--urls", $"http://127.0.0.1:{httpPort}",
            "--GatewayOptions:MinimumFreeDiskBytes=0", "--GpioOptions:PinMapPath=",
        };
        args.AddRange(extra);
        var process = ChildProcess.StartDotnet(AssemblyPath, args, environment: Quiet());
        await process.WaitHealthyAsync(httpPort, TimeSpan.FromSeconds(60));
        return process;
    }

    /// <summary>The secret printed by `units add`.</summary>
    public static string SecretFrom(string stdout)
    {
        return stdout.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("secret: ", StringComparison.Ordinal))["secret: ".Length..];
    }

    private static Dictionary<string, string> Quiet() => new()
    {
        ["DOTNET_NOLOGO"] = "1",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
    };
}
