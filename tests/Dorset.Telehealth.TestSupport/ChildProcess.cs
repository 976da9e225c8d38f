using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Dorset.Telehealth.TestSupport;

/// <summary>
/// A program started by a test as a real process: output captured line by line, killed with its children on
/// dispose so that no test leaves an orphan behind.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly object _gate = new();

    private ChildProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The operating-system process id.</summary>
    public int Id => _process.Id;

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Everything written to stdout so far.</summary>
    public string StandardOutput { get { lock (_gate) { return _stdout.ToString(); } } }

    /// <summary>Everything written to stderr so far.</summary>
    public string StandardError { get { lock (_gate) { return _stderr.ToString(); } } }

    /// <summary>The exit code (only after exit).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts <paramref name="fileName"/>. <paramref name="stdin"/>, when given, is written and closed at once.
    /// </summary>
    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string? stdin = null,
        IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (workingDirectory != null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (environment != null)
        {
            foreach (var pair in environment)
            {
                info.Environment[pair.Key] = pair.Value;
            }
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.Append(child._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(child._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (stdin != null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        return child;
    }

    /// <summary>Starts a .NET program (a .dll beside the test) with `dotnet`.</summary>
    public static ChildProcess StartDotnet(string assemblyPath, IEnumerable<string> arguments, string? stdin = null,
        IDictionary<string, string>? environment = null)
    {
        var all = new List<string> { assemblyPath };
        all.AddRange(arguments);
        return Start("dotnet", all, stdin, environment);
    }

    /// <summary>Waits for exit; kills the process and fails the test if it runs past <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"process did not exit within {timeout}; stderr: {StandardError}");
        }

        // The parameterless wait also drains the asynchronous output readers.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Waits until stdout contains <paramref name="text"/>; fails if the process exits or time runs out first.</summary>
    public Task WaitForOutputAsync(string text, TimeSpan timeout) =>
        Eventually.TrueAsync(() => StandardOutput.Contains(text, StringComparison.Ordinal) || ThrowIfExited($"before printing '{text}'"),
            timeout, $"'{text}' printed", Output);

    /// <summary>
    /// Waits until this process, a server, answers 200 on <c>/health</c> at <paramref name="httpPort"/>; fails if it
    /// exits or time runs out first.
    /// </summary>
    public async Task WaitHealthyAsync(int httpPort, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{httpPort}/health");
                return response.IsSuccessStatusCode || ThrowIfExited("before it was healthy");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy starting to answer within the client's timeout.
                return ThrowIfExited("before it was healthy");
            }
        }, timeout, $"/health on port {httpPort} answers 200", Output);
    }

    /// <summary>SIGKILL the process and its children: no chance to clean up, as in a power cut.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line == null)
        {
            return;
        }

        lock (_gate)
        {
            target.AppendLine(line);
        }
    }

    /// <summary>
    /// The end of a wait's condition: false while the process runs, so the wait goes on; once it has exited the wait
    /// cannot succeed, so this throws, with the output, instead of letting the wait run out its time.
    /// </summary>
    private bool ThrowIfExited(string when) => _process.HasExited
        ? throw new InvalidOperationException($"process exited ({_process.ExitCode}) {when}; {Output()}")
        : false;

    private string Output() => $"stdout: {StandardOutput}; stderr: {StandardError}";
}
