using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Demo.Alerts;
using Dorset.Telehealth.Demo.Processes;
using Dorset.Telehealth.Demo.Provisioning;

namespace Dorset.Telehealth.Demo;

/// <summary>
/// `./demo.sh`: provisions (first run or --fresh, choosing when the scripted week ends), starts cloud, gateway and
/// fleet, waits for the first Observation, prints where everything is, then the alerts the week raised at the hub, and
/// on Ctrl-C stops every process cleanly.
/// </summary>
public static class DemoRunner
{
    public static async Task<int> RunAsync(string dataDirectory, bool fresh, int units, DemoPorts ports, CancellationToken cancel)
    {
        var stopwatch = Stopwatch.StartNew();
        var layout = new PipelineLayout(Path.GetFullPath(dataDirectory), ports.Cloud, ports.Gateway, ports.Mqtt);
        if (fresh && Directory.Exists(layout.DataDirectory))
        {
            Directory.Delete(layout.DataDirectory, recursive: true);
        }

        PipelineSecrets? secrets = PipelineSecrets.Read(layout);
        if (secrets != null)
        {
            Console.WriteLine($"Reusing {layout.DataDirectory} (run with --fresh to start clean).");
            if (!OperatingSystem.IsWindows())
            {
                // A directory from before the demo kept it private (0755): its secrets, names and logs are this user's only.
                File.SetUnixFileMode(layout.DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        else
        {
            if (File.Exists(layout.GatewaySecretFile))
            {
                // A demo directory from before FHIR readers existed: its cloud has no reader to read as.
                Console.WriteLine($"{layout.DataDirectory} is from an older demo; starting clean.");
                Directory.Delete(layout.DataDirectory, recursive: true);
            }
            else if (Directory.Exists(layout.DataDirectory) && Directory.EnumerateFileSystemEntries(layout.DataDirectory).Any())
            {
                Console.Error.WriteLine($"{layout.DataDirectory} is not empty and holds no demo: choose another --data-dir, or --fresh to empty it.");
                return 2;
            }

            Console.WriteLine($"Provisioning hub '{PipelineProvisioner.Hub}' with {units} units and synthetic patients in {layout.DataDirectory} ...");
            secrets = await PipelineProvisioner.ProvisionAsync(layout, units, cancel);
            DemoWeekEnd.Choose(layout, DateTime.UtcNow);
        }

        DemoConsoleAccounts.Ensure(layout);
        DateTime weekEnd = DemoWeekEnd.Read(layout);
        BuildOutputs build = BuildOutputs.BesideDemo();

        await using var pipeline = new Pipeline(layout, build, secrets);
        await pipeline.StartCloudAsync(cancel);
        string firstPatient = SyntheticPatients.NhsNumbers(1)[0];
        // Counted before this run sends anything: a rerun's cloud already holds the earlier runs' Observations, and
        // timing those as this run's first would report a delivery that never happened.
        int earlier = await pipeline.ObservationCountAsync(firstPatient, cancel);
        await pipeline.StartGatewayAsync(cancel);
        pipeline.StartFleet(glucose: 28, spo2: 7, weight: 7, bp: 7, exitWhenDrained: false, weekEnd);
        if (earlier == 0)
        {
            while (await pipeline.ObservationCountAsync(firstPatient, cancel) == 0)
            {
                await Task.Delay(250, cancel);
            }
        }

        Console.WriteLine(DemoBanner.Running(layout, build, firstPatient, earlier == 0 ? stopwatch.Elapsed : null, weekEnd));
        try
        {
            await AlertReport.PrintAsync(layout, units, cancel);
            Console.WriteLine("\nPress Ctrl-C to stop everything.");
            await Task.Delay(Timeout.Infinite, cancel);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("Stopping fleet, gateway and cloud ...");
        }

        return 0;
    }
}
