using System;
using System.CommandLine;
using System.Runtime.InteropServices;
using System.Threading;
using Dorset.Telehealth.Demo;
using Dorset.Telehealth.Demo.Processes;

var fresh = new Option<bool>("--fresh") { Description = "Empty the data directory first and provision a new hub." };
var dataDir = new Option<string>("--data-dir") { Description = "Where the demo keeps everything.", DefaultValueFactory = _ => "demo-data" };
var units = new Option<int>("--units") { Description = "How many emulated home units (1..500; a new data directory only).", DefaultValueFactory = _ => 20 };
var cloudPort = new Option<int>("--cloud-port") { Description = "The cloud's HTTP port.", DefaultValueFactory = _ => 5180 };
var gatewayPort = new Option<int>("--gateway-port") { Description = "The hub gateway's HTTP port.", DefaultValueFactory = _ => 5080 };
var mqttPort = new Option<int>("--mqtt-port") { Description = "The hub's plain loopback MQTT port.", DefaultValueFactory = _ => 18830 };
var root = new RootCommand("The whole pipeline on this machine: the county cloud, a hub gateway and a fleet of emulated home units replaying a scripted week. Ctrl-C stops every process.")
{
    fresh, dataDir, units, cloudPort, gatewayPort, mqttPort,
};
units.Validators.Add(result => { if (result.GetValue(units) is < 1 or > 500) { result.AddError("--units takes 1..500"); } });
foreach (Option<int> port in new[] { cloudPort, gatewayPort, mqttPort })
{
    port.Validators.Add(result => { if (result.GetValue(port) is < 1 or > 65535) { result.AddError($"{port.Name} takes 1..65535"); } });
}

root.SetAction(async (parse, _) =>
{
    using var stop = new CancellationTokenSource();
    // Ctrl-C and SIGTERM both stop the three processes through the runner, which waits for them to exit; the signal's
    // own default (end this process at once) is cancelled so that no child is left running.
    Action<PosixSignalContext> onSignal = context =>
    {
        context.Cancel = true;
        stop.Cancel();
    };
    using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, onSignal);
    using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, onSignal);
    try
    {
        var ports = new DemoPorts(parse.GetValue(cloudPort), parse.GetValue(gatewayPort), parse.GetValue(mqttPort));
        return await DemoRunner.RunAsync(parse.GetValue(dataDir)!, parse.GetValue(fresh), parse.GetValue(units), ports, stop.Token);
    }
    catch (ServiceStartException refused)
    {
        Console.Error.WriteLine($"demo stopped: {refused.Message}");
        return refused.ExitCode;
    }
    catch (OperationCanceledException)
    {
        return 0;
    }
});

ParseResult parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // The parser's errors and the usage (exit 2, as the gateway's CLI); nothing provisioned or started.
    await parsed.InvokeAsync();
    return 2;
}

// --help and --version print and exit; otherwise the demo runs, with its own signal handling above.
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
