using System;

namespace Dorset.Telehealth.Demo.Processes;

/// <summary>A part of the pipeline exited as it started; the message is its own last word (e.g. a port in use).</summary>
public sealed class ServiceStartException(string message, int exitCode) : Exception(message)
{
    /// <summary>The demo's exit code: the part's own 2 (refused: a port in use, a bad setting), else 1.</summary>
    public int ExitCode { get; } = exitCode == 2 ? 2 : 1;
}
