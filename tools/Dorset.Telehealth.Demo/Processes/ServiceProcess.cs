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

    /// <summary>The exit code (only after exit).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>The last line written to stderr, where a part that refuses to start says why in one line.</summary>
    public string? LastError { get; private set; }

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

        // The logs name patients' units and readings: this user's only, as the rest of the data directory.
        var logOptions = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            logOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var log = new StreamWriter(new FileStream(logFile, logOptions)) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var started = new ServiceProcess(name, process, log);
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            Write(log, e.Data);
            started.LastError = string.IsNullOrWhiteSpace(e.Data) ? started.LastError : e.Data;
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
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

    /// <summary>Waits for an exited process's output to be read to the end.</summary>
    public void WaitForExit() => _process.WaitForExit();

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
