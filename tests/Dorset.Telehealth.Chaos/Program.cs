using System;
using System.Threading;
using Dorset.Telehealth.Chaos;

// One line and exit 2 for bad input or a missing tool; exit 1 when the oracle finds a reading lost, doubled or altered.
ChaosOptions? options = ChaosOptions.Parse(args, out string? problem);
if (options == null)
{
    Console.Error.WriteLine("chaos: " + problem);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
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
