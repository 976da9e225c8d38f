using System;
using System.Collections.Generic;
using System.IO;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Emulator.Tests.Commands;

/// <summary>The built `emulator` beside the tests, run as a process, and how long a verb may take.</summary>
public static class EmulatorProcess
{
    /// <summary>Generous for a cold `dotnet` start on 2 shared cores.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Starts `dotnet emulator.dll args`.</summary>
    public static ChildProcess Start(IEnumerable<string> args, string? stdin = null) =>
        ChildProcess.StartDotnet(Path.Combine(AppContext.BaseDirectory, "emulator.dll"), args, stdin: stdin);
}
