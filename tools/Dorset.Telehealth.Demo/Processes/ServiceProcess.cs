using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Dorset.Telehealth.Demo.Processes;

/// <summary>
/// One part of the pipeline running as its own `dotnet` process, its output prefixed and copied to a log file. Stop
/// sends SIGTERM (a clean shutdown: ASP.NET drains, the fleet disconnects) and SIGKILLs only after a grace period.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServiceProcess(string name, Process process, StreamWriter log)
    {
        Name = name;
        _process = process;
        _log = log;
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    /// <summary>Starts `dotnet <paramref name="assembly"/> args` with extra environment variables.</summary>
    public static ServiceProcess Start(string name, string assembly, IEnumerable<string> args, IDictionary<string, string>? environment, string logFile)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(assembly);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServiceProcess(name, process, log);
    }

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        if (!OperatingSystem.IsWindows())
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString()]);
            term?.WaitForExit(5_000);
        }

        var exited = _process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(grace)) != exited)
        {
            KillNow();
        }
    }

    /// <summary>SIGKILL: no chance to clean up, as in a power cut.</summary>
    public void KillNow()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
        }
    }

    public void Dispose()
    {
        KillNow();
        _process.Dispose();
        _log.Dispose();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line != null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }
}
