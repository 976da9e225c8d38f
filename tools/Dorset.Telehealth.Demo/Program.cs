using System;
using System.Linq;
using System.Threading;
using Dorset.Telehealth.Demo;

bool fresh = args.Contains("--fresh");
string dataDirectory = ValueOf("--data-dir") ?? "demo-data";
int units = int.TryParse(ValueOf("--units"), out int n) && n > 0 ? n : 20;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
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
