using System;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using Dorset.Telehealth.Demo;

bool fresh = args.Contains("--fresh");
string dataDirectory = ValueOf("--data-dir") ?? "demo-data";
int units = int.TryParse(ValueOf("--units"), out int n) && n > 0 ? n : 20;

using var stop = new CancellationTokenSource();
// Ctrl-C and SIGTERM both stop the three processes through the runner, which waits for them to exit; the signal's own
// default (end this process at once) is cancelled so that no child is left running.
Action<PosixSignalContext> onSignal = context =>
{
    context.Cancel = true;
    stop.Cancel();
};
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, onSignal);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, onSignal);
try
{
    return await DemoRunner.RunAsync(dataDirectory, fresh, units, stop.Token);
}
catch (OperationCanceledException)
{
    return 0;
}

string? ValueOf(string name)
{
    int index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
