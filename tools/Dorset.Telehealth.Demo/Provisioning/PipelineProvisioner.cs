using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud;
using Dorset.Telehealth.Cloud.Registry;
using Dorset.Telehealth.Cloud.Storage;
using Dorset.Telehealth.Emulator.Units;
using Dorset.Telehealth.Emulator.VirtualDevices;
using Dorset.Telehealth.Gateway.Provisioning;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.HomeUnit.Devices;

namespace Dorset.Telehealth.Demo.Provisioning;

/// <summary>
/// Provisions a hub end to end, as staff would with the CLIs (`gateways add`, `patients add`, `units assign` at the
/// cloud; `units add` and `units pair` at the gateway), but in-process so twenty units take a second, not a minute.
/// </summary>
public static class PipelineProvisioner
{
    /// <summary>The hub the demo gateway serves.</summary>
    public const string Hub = "weymouth";

    /// <summary>The gateway's id at the cloud.</summary>
    public const string GatewayId = "gw-weymouth";

    /// <summary>Units are issued to their patients from this instant, before the scripted week begins.</summary>
    public static readonly DateTimeOffset IssuedFrom = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The unit ids of a fleet: unit-0001 ...</summary>
    public static IReadOnlyList<string> UnitIds(int count) => Enumerable.Range(1, count).Select(i => $"unit-{i:D4}").ToList();

    /// <summary>The FHIR reader the demo and the end-to-end tests read Observations as.</summary>
    public const string ReaderId = "demo-clinician";

    /// <summary>Registers everything; returns the secrets it issued. Idempotent only on a fresh directory.</summary>
    public static async Task<PipelineSecrets> ProvisionAsync(PipelineLayout layout, int units, CancellationToken cancel)
    {
        // Secrets, names, NHS numbers and logs: this user's only (the cloud and gateway make their own files so too).
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(layout.DataDirectory);
        }
        else
        {
            Directory.CreateDirectory(layout.DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        Directory.CreateDirectory(layout.CloudData);
        Directory.CreateDirectory(layout.GatewayData);
        IReadOnlyList<string> unitIds = UnitIds(units);
        IReadOnlyList<string> patients = SyntheticPatients.NhsNumbers(units);

        string gatewaySecret = BearerSecret.New(BearerSecret.GatewayPrefix);
        string readerSecret = BearerSecret.New(BearerSecret.ReaderPrefix);
        ICloudStore cloud = CloudStoreFactory.Create(new CloudStoreOptions { DataDirectory = layout.CloudData, PostgresConnectionString = layout.CloudPostgres });
        await cloud.EnsureSchemaAsync(cancel);
        await cloud.AddGatewayAsync(GatewayId, Hub, BearerSecret.Hash(gatewaySecret), cancel);
        await cloud.AddReaderAsync(ReaderId, "Demo clinician", BearerSecret.Hash(readerSecret), cancel);
        for (int i = 0; i < units; i++)
        {
            await cloud.AddPatientAsync(patients[i], $"Synthetic Patient {i + 1}", cancel);
            await cloud.AssignUnitAsync(unitIds[i], patients[i], IssuedFrom, Hub, cancel);
        }

        var credentials = new List<(string, string)>();
        {
            var database = new GatewayDatabase(Path.Combine(layout.GatewayData, "gateway.db"));
            var registry = new UnitRegistry(database);
            var provisioning = new UnitProvisioning(database, registry, TimeProvider.System);
            for (int i = 0; i < units; i++)
            {
                // The hub's patient reference is the synthetic NHS number, so its alerts name the same patient as FHIR;
                // the hub staff see the same display name as the cloud's Patient, as a real hub enters at provisioning.
                string unit = unitIds[i];
                var (provisioned, problem) = provisioning.Provision(new UnitRequest(unit, patients[i], $"Synthetic Patient {i + 1}", patients[i]), "demo");
                string secret = provisioned?.Secret ?? throw new InvalidOperationException($"demo unit {unit} not provisioned: {problem}");
                var home = new VirtualHome(unit, Path.Combine(layout.FleetState, unit), 1, 1, 1, 1, 1);
                string config = "{\"devices\":[],\"settings\":{}}";
                foreach (HomeUnit.Devices.PairedDevice device in home.Devices())
                {
                    config = UnitConfig.WithDevice(config, new Gateway.Storage.PairedDevice(device.Slot, device.Address, DeviceKinds.Name(device.Kind), false));
                }

                registry.SetConfig(unit, config);
                credentials.Add((unit, secret));
            }
        }

        FleetCredentials.Write(layout.Credentials, credentials);
        var secrets = new PipelineSecrets(gatewaySecret, readerSecret);
        secrets.Write(layout);
        return secrets;
    }
}
