using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Demo.Processes;
using Dorset.Telehealth.Demo.Provisioning;

namespace Dorset.Telehealth.Demo;

/// <summary>
/// `./demo.sh`: provisions (first run or --fresh), starts cloud, gateway and fleet, waits for the first Observation,
/// prints where everything is, and on Ctrl-C stops every process cleanly.
/// </summary>
public static class DemoRunner
{
    public static async Task<int> RunAsync(string dataDirectory, bool fresh, int units, CancellationToken cancel)
    {
        var stopwatch = Stopwatch.StartNew();
        var layout = new PipelineLayout(Path.GetFullPath(dataDirectory), CloudPort: 5180, GatewayHttpPort: 5080, MqttPort: 18830);
        if (fresh && Directory.Exists(layout.DataDirectory))
        {
            Directory.Delete(layout.DataDirectory, recursive: true);
        }

        PipelineSecrets? secrets = PipelineSecrets.Read(layout);
        if (secrets != null)
        {
            Console.WriteLine($"Reusing {layout.DataDirectory} (run with --fresh to start clean).");
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
        }

        await using var pipeline = new Pipeline(layout, BuildOutputs.BesideDemo(), secrets);
        await pipeline.StartCloudAsync(cancel);
        await pipeline.StartGatewayAsync(cancel);
        pipeline.StartFleet(glucose: 28, spo2: 7, weight: 7, bp: 7, exitWhenDrained: false);
        string firstPatient = SyntheticPatients.NhsNumbers(1)[0];
        while (await pipeline.ObservationCountAsync(firstPatient, cancel) == 0)
        {
            await Task.Delay(250, cancel);
        }

        Console.WriteLine($"""

            Dorset Telehealth demo is running (first Observation in the cloud {stopwatch.Elapsed.TotalSeconds:F1} s after start).

              Gateway (hub '{PipelineProvisioner.Hub}')  {layout.GatewayUrl}/health   units: {layout.GatewayUrl}/api/units   (loopback only; no login yet)
              MQTT broker                      127.0.0.1:{layout.MqttPort} (plain, loopback)
              Cloud FHIR base                  {layout.CloudUrl}/fhir   (FHIR reader '{PipelineProvisioner.ReaderId}'; its secret is in {layout.ReaderSecretFile})
                e.g.                           curl -H "Authorization: Bearer $(cat {layout.ReaderSecretFile})" '{layout.CloudUrl}/fhir/Observation?patient={firstPatient}&_count=20'
              Synthetic patients               NHS numbers 999 000 0001 onwards (a range never issued to real people)
              Data directory                   {layout.DataDirectory}  (logs: cloud.log, gateway.log, fleet.log)

            Press Ctrl-C to stop everything.
            """);
        try
        {
            await Task.Delay(Timeout.Infinite, cancel);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("Stopping fleet, gateway and cloud ...");
        }

        return 0;
    }
}
