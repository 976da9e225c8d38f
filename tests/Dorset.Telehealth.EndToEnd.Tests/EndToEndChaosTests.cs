using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.Demo.Processes;
using Dorset.Telehealth.Demo.Provisioning;
using Dorset.Telehealth.Emulator.VirtualDevices;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.EndToEnd.Tests;

/// <summary>
/// A short seeded chaos run over the end-to-end pipeline: five rounds, each with every fault once in a seeded order
/// at seeded moments (SIGKILL of the fleet, of the gateway and of the cloud, then a restart; one TCP fault on the
/// gateway-cloud link and one on the unit-gateway link, each of drop, stall, reset, slow and half-close over the
/// rounds), then the oracle. Every loop is bounded by its count.
/// </summary>
public sealed partial class EndToEndTests
{
    private const int Rounds = 5;
    private static readonly TcpFault[] LinkFaults = [TcpFault.Drop, TcpFault.Stall, TcpFault.Reset, TcpFault.Slow, TcpFault.HalfClose];

    [Theory]
    [InlineData(14)]
    public async Task SeededFaultsOnEveryHop_LoseNothing_DoubleNothing(int seed)
    {
        var random = new Random(seed);
        var layout = new PipelineLayout(_directory, FreePort.Next(), FreePort.Next(), FreePort.Next());
        PipelineSecrets secrets = await PipelineProvisioner.ProvisionAsync(layout, Units, Cancel);
        await using var cloudLink = TcpFaultProxy.Start(layout.CloudPort);
        await using var unitLink = TcpFaultProxy.Start(layout.MqttPort);
        // One pipeline per part, so each reaches the next through its proxy: the gateway the cloud, the fleet the gateway.
        await using var cloud = new Pipeline(layout, Build(), secrets);
        await using var hub = new Pipeline(layout with { CloudPort = cloudLink.Port }, Build(), secrets);
        await using var homes = new Pipeline(layout with { MqttPort = unitLink.Port }, Build(), secrets);
        await cloud.StartCloudAsync(Cancel);
        await hub.StartGatewayAsync(Cancel);
        homes.StartFleet(Glucose, SpO2, Weight, BloodPressure, exitWhenDrained: true);

        var counted = new Dictionary<string, int>();
        for (int round = 0; round < Rounds; round++)
        {
            foreach (string fault in new[] { "kill fleet", "kill gateway", "kill cloud", "cloud link", "unit link" }.OrderBy(_ => random.Next()))
            {
                await Task.Delay(random.Next(100, 1200), Cancel);
                string name = await InjectAsync(fault, LinkFaults[round], random, cloud, hub, homes, cloudLink, unitLink);
                counted[name] = counted.GetValueOrDefault(name) + 1;
            }
        }

        output.WriteLine("faults: " + string.Join(", ", counted.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}")));
        Assert.False(hub.Gateway!.HasExited, "the gateway exited by itself: " + hub.Gateway.LastError);
        Assert.False(cloud.Cloud!.HasExited, "the cloud exited by itself: " + cloud.Cloud.LastError);
        if (homes.Fleet!.HasExited && homes.Fleet.ExitCode != 0)
        {
            Assert.Fail($"the fleet exited {homes.Fleet.ExitCode}: {homes.Fleet.LastError}");
        }

        AssertExactlyOnce(await WaitForDeliveryAsync(homes, ReadingScript.DefaultWeekEnd));
    }

    /// <summary>Applies one fault, lets it last a seeded moment, and undoes it; returns its name for the count.</summary>
    private static async Task<string> InjectAsync(string fault, TcpFault linkFault, Random random, Pipeline cloud, Pipeline hub, Pipeline homes,
        TcpFaultProxy cloudLink, TcpFaultProxy unitLink)
    {
        switch (fault)
        {
            case "kill fleet":
                Replace(homes.Fleet);
                homes.StartFleet(Glucose, SpO2, Weight, BloodPressure, exitWhenDrained: true);
                return fault;
            case "kill gateway":
                Replace(hub.Gateway);
                await hub.StartGatewayAsync(Cancel);
                return fault;
            case "kill cloud":
                Replace(cloud.Cloud);
                // Down for a moment: the gateway finds it unreachable and backs off.
                await Task.Delay(random.Next(0, 1000), Cancel);
                await cloud.StartCloudAsync(Cancel);
                return fault;
            default:
                TcpFaultProxy link = fault == "cloud link" ? cloudLink : unitLink;
                link.Inject(linkFault);
                await Task.Delay(random.Next(300, 2000), Cancel);
                link.Clear();
                return $"{fault} {linkFault}";
        }
    }

    /// <summary>
    /// SIGKILLs a part, as a power cut would, before a new one takes its place. Not disposed: its output may still be
    /// arriving for the log it shares with the next one.
    /// </summary>
    private static void Replace(ServiceProcess? process) => process?.KillNow();
}
