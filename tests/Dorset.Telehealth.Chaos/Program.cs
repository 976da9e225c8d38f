using System;
using System.Runtime.InteropServices;
using System.Threading;
using Dorset.Telehealth.Chaos;

// One line and exit 2 for bad input or a missing tool; exit 1 when the oracle finds a reading lost, doubled or altered.
ChaosOptions? options = ChaosOptions.Parse(args, out string? problem);
if (options == null)
{
    Console.Error.WriteLine("chaos: " + problem);
    return 2;
}

// Ctrl-C or SIGTERM ends the run early but cleanly: every process stopped, the tmpfs unmounted, PostgreSQL shut down.
using var cancel = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
try
{
    ChaosReport report = await ChaosRun.RunAsync(options, Console.Out, cancel.Token);
    Console.WriteLine(report);
    return report.Passed ? 0 : 1;
}
catch (ChaosUnavailableException e)
{
    Console.Error.WriteLine("chaos: " + e.Message);
    return 2;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("chaos: cancelled; every process the run started has been stopped");
    return 1;
}
catch (Exception e)
{
    // The harness itself failed (a part that would not restart, a deadline passed): one line, not a stack trace.
    Console.Error.WriteLine($"chaos: run failed: {e.GetType().Name}: {e.Message}");
    return 1;
}

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    cancel.Cancel();
}
