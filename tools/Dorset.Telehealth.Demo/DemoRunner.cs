using System;
using System.Diagnostics;
using System.IO;
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

        string secret;
        if (File.Exists(layout.GatewaySecretFile))
        {
            Console.WriteLine($"Reusing {layout.DataDirectory} (run with --fresh to start clean).");
            secret = File.ReadAllText(layout.GatewaySecretFile).Trim();
        }
        else
        {
            Console.WriteLine($"Provisioning hub '{PipelineProvisioner.Hub}' with {units} units and synthetic patients in {layout.DataDirectory} ...");
            secret = await PipelineProvisioner.ProvisionAsync(layout, units, cancel);
        }

        await using var pipeline = new Pipeline(layout, BuildOutputs.BesideDemo(), secret);
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
              Cloud FHIR base                  {layout.CloudUrl}/fhir
                e.g.                           {layout.CloudUrl}/fhir/Observation?patient={firstPatient}&_count=20
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
