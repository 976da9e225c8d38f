using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Benchmarks.Profiling;

/// <summary>
/// Linux perf sampling one process's on-CPU stacks, kernel included, from construction until dispose. The gateway's
/// cost per reading is mostly in the kernel (WAL writes, fsync, sockets), which dotnet-trace's EventPipe sampler
/// cannot see: it samples managed stacks at ~100 Hz whether a thread runs or waits. perf counts CPU only, and with
/// DOTNET_PerfMapEnabled=1 in the target it names JIT-compiled frames too.
/// </summary>
public sealed class PerfRecording : IDisposable
{
    private const int SigInt = 2;
    private readonly Process _perf;

    /// <summary>Starts sampling <paramref name="pid"/> at 499 Hz with call graphs into <paramref name="dataFile"/>.</summary>
    /// <exception cref="InvalidOperationException">perf is not installed.</exception>
    public PerfRecording(int pid, string dataFile)
    {
        string perf = Locate();
        DataFile = dataFile;
        var info = new ProcessStartInfo(perf) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string a in new[] { "record", "-F", "499", "-g", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", dataFile })
        {
            info.ArgumentList.Add(a);
        }

        _perf = Process.Start(info)!;
        _perf.OutputDataReceived += (_, _) => { };
        _perf.ErrorDataReceived += (_, _) => { };
        _perf.BeginOutputReadLine();
        _perf.BeginErrorReadLine();
    }

    /// <summary>Where the samples are written.</summary>
    public string DataFile { get; }

    /// <summary>The samples as `perf script` prints them (one stack per sample, leaf first).</summary>
    public static string Script(string dataFile)
    {
        var info = new ProcessStartInfo(Locate()) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { "script", "-i", dataFile })
        {
            info.ArgumentList.Add(a);
        }

        using var script = Process.Start(info)!;
        script.ErrorDataReceived += (_, _) => { };
        script.BeginErrorReadLine();
        string output = script.StandardOutput.ReadToEnd();
        script.WaitForExit();
        return output;
    }

    /// <summary>Stops sampling as Ctrl-C does, so perf writes a complete file.</summary>
    public void Dispose()
    {
        if (!_perf.HasExited)
        {
            _ = kill(_perf.Id, SigInt);
            if (!_perf.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                _perf.Kill();
            }
        }

        _perf.Dispose();
        if (!File.Exists(DataFile))
        {
            throw new InvalidOperationException($"perf wrote no samples to {DataFile}");
        }
    }

    private static string Locate() => IntegrationTool.Locate("perf")
        ?? throw new InvalidOperationException("perf not found on PATH: the profile needs Linux perf (apt-get install linux-perf)");

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
