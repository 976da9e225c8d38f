using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Chaos.Oracle;
using Dorset.Telehealth.Demo.Processes;
using Dorset.Telehealth.Demo.Provisioning;
using Dorset.Telehealth.Emulator.VirtualDevices;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.EndToEnd.Tests;

/// <summary>
/// Virtual devices to FHIR with every part a real process on loopback: emulated units (the real HomeUnit logic) ->
/// the gateway's embedded broker and SQLite -> the forwarder -> the cloud on SQLite -> FHIR. An oracle compares the
/// readings the devices produced with the Observations served, also with the gateway SIGKILLed mid-run and with the
/// cloud stopped for a while; and, after the first test's run, everything served (Observations, DetectedIssues, Patients) meets UK Core.
/// </summary>
public sealed partial class EndToEndTests(ITestOutputHelper output) : IDisposable
{
    private const int Units = 3, Glucose = 20, SpO2 = 4, Weight = 4, BloodPressure = 4;

    // As the demo passes it: a week end other than the script's default, so the oracle also proves --week-end arrives.
    private static readonly DateTime MovedWeekEnd = new(2026, 12, 1, 9, 0, 0);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dorset-e2e-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryReading_ReachesFhirExactlyOnce_WithItsPatientCodesValuesAndDeviceTime_AndAllServedMeetsUkCore()
    {
        await using Pipeline pipeline = await StartAsync();
        pipeline.StartFleet(Glucose, SpO2, Weight, BloodPressure, exitWhenDrained: true, MovedWeekEnd);

        DeliveryOracle oracle = await WaitForDeliveryAsync(pipeline, MovedWeekEnd);
        await ReportLatencyAsync(pipeline);
        AssertExactlyOnce(oracle);
        // After the oracle, so a delivery failure is reported as one and not as the validation of what did arrive.
        var validated = await ServedUkCore.AssertValidAsync(pipeline.Layout.CloudUrl, pipeline.ReaderSecret, SyntheticPatients.NhsNumbers(Units), Cancel);
        output.WriteLine(ServedUkCore.Describe(validated));
        // Not vacuous: every kind of reading the fleet sends, and each patient, was among what was validated.
        Assert.Superset(new HashSet<string>
        {
            "UKCore-Observation-BloodGlucose", "UKCore-Observation-VitalSigns-BloodPressure", "UKCore-Observation-VitalSigns-BodyWeight",
            "UKCore-Observation-VitalSigns-HeartRate", "UKCore-Observation-VitalSigns-OxygenSaturation", "UKCore-Patient",
        }, validated.Keys.ToHashSet());
        Assert.Equal(Units, validated["UKCore-Patient"]);
    }

    [Fact]
    public async Task GatewaySigkilledMidRun_AndRestarted_LosesNothing_DoublesNothing()
    {
        await using Pipeline pipeline = await StartAsync();
        pipeline.StartFleet(Glucose, SpO2, Weight, BloodPressure, exitWhenDrained: true);
        // Killed once the run is under way at the gateway (it has committed readings), a moment chosen by progress.
        await Eventually.TrueAsync(async () => await GatewayMetricAsync(pipeline, "dorset_gateway_readings_ingested_total") > 0,
            TimeSpan.FromSeconds(60), "the gateway commits the fleet's first readings", poll: TimeSpan.FromMilliseconds(100));
        pipeline.Gateway!.KillNow();
        // Down for a while, a fault's length and not a wait for anything: the units' reconnects fail meanwhile.
        await Task.Delay(1000, Cancel);
        await pipeline.StartGatewayAsync(Cancel);

        AssertExactlyOnce(await WaitForDeliveryAsync(pipeline, ReadingScript.DefaultWeekEnd));
    }

    [Fact]
    public async Task CloudStoppedForAWhile_AndRestarted_LosesNothing_DoublesNothing()
    {
        await using Pipeline pipeline = await StartAsync();
        await pipeline.Cloud!.StopAsync(TimeSpan.FromSeconds(10));
        pipeline.StartFleet(Glucose, SpO2, Weight, BloodPressure, exitWhenDrained: true);
        // The cloud comes back once the fleet has drained into the gateway and the gateway holds readings it could not
        // forward: the outage then spans the whole run, however fast or slow the machine.
        await Eventually.TrueAsync(async () => pipeline.Fleet!.HasExited && await GatewayMetricAsync(pipeline, "dorset_gateway_backlog_readings") > 0,
            TimeSpan.FromSeconds(60), "the fleet drains into the gateway, which holds a backlog", poll: TimeSpan.FromMilliseconds(250));
        await pipeline.StartCloudAsync(Cancel);

        AssertExactlyOnce(await WaitForDeliveryAsync(pipeline, ReadingScript.DefaultWeekEnd));
    }

    [Theory]
    [InlineData(TcpFault.Reset)]
    [InlineData(TcpFault.Drop)]
    [InlineData(TcpFault.HalfClose)]
    public async Task CloudLinkFailingAsTheForwarderConnects_GatewayKeepsRunning_LosesNothing_DoublesNothing(TcpFault fault)
    {
        var layout = new PipelineLayout(_directory, FreePort.Next(), FreePort.Next(), FreePort.Next());
        PipelineSecrets secrets = await PipelineProvisioner.ProvisionAsync(layout, Units, Cancel);
        await using var proxy = TcpFaultProxy.Start(layout.CloudPort);
        await using var cloud = new Pipeline(layout, Build(), secrets);
        await cloud.StartCloudAsync(Cancel);
        // The gateway reaches the cloud only through the proxy, which fails every connection as it opens.
        await using var hub = new Pipeline(layout with { CloudPort = proxy.Port }, Build(), secrets);
        proxy.Inject(fault);
        await hub.StartGatewayAsync(Cancel);
        hub.StartFleet(Glucose, SpO2, Weight, BloodPressure, exitWhenDrained: true);
        await Eventually.TrueAsync(() => proxy.Accepted >= 5 || hub.Gateway!.HasExited, TimeSpan.FromSeconds(30),
            "five connections to the cloud tried", () => $"only {proxy.Accepted} tried", poll: TimeSpan.FromMilliseconds(100));

        Assert.False(hub.Gateway!.HasExited, $"the gateway stopped on a cloud link under {fault}: {(hub.Gateway.HasExited ? hub.Gateway.ExitCode : 0)} {hub.Gateway.LastError}");
        proxy.Clear();

        AssertExactlyOnce(await WaitForDeliveryAsync(hub, ReadingScript.DefaultWeekEnd));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<Pipeline> StartAsync()
    {
        var layout = new PipelineLayout(_directory, FreePort.Next(), FreePort.Next(), FreePort.Next());
        PipelineSecrets secrets = await PipelineProvisioner.ProvisionAsync(layout, Units, Cancel);
        var pipeline = new Pipeline(layout, Build(), secrets);
        await pipeline.StartCloudAsync(Cancel);
        await pipeline.StartGatewayAsync(Cancel);
        return pipeline;
    }

    private static BuildOutputs Build()
    {
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return BuildOutputs.FromArtifacts(own.Parent!.Parent!.FullName, own.Name);
    }

    /// <summary>Polls the cloud until every expected reading is there and the fleet has exited, then compares.</summary>
    private async Task<DeliveryOracle> WaitForDeliveryAsync(Pipeline pipeline, DateTime weekEnd)
    {
        List<ExpectedReading> expected = ScriptedReadings.For(Units, Glucose, SpO2, Weight, BloodPressure, weekEnd);
        IReadOnlyList<string> patients = SyntheticPatients.NhsNumbers(Units);
        DeliveryOracle oracle = DeliveryOracle.Compare(expected, []);
        // Each look reads every patient's Observations, so not too often on a machine the parts share.
        await Eventually.TrueAsync(async () =>
        {
            oracle = DeliveryOracle.Compare(expected, await FhirReader.ReadAsync(pipeline.Layout.CloudUrl, pipeline.ReaderSecret, patients, Cancel));
            return oracle.Missing == 0 && pipeline.Fleet!.HasExited;
        }, TimeSpan.FromSeconds(90), "every reading served and the fleet exited", () => Describe(oracle), TimeSpan.FromMilliseconds(500));

        // Not a wait for an event but a window for one that must not come: anything still in flight would show up now
        // as a duplicate.
        await Task.Delay(1000, Cancel);
        oracle = DeliveryOracle.Compare(expected, await FhirReader.ReadAsync(pipeline.Layout.CloudUrl, pipeline.ReaderSecret, patients, Cancel));
        output.WriteLine(oracle.ToString());
        return oracle;
    }

    private static void AssertExactlyOnce(DeliveryOracle oracle)
    {
        Assert.True(oracle.Missing == 0 && oracle.Duplicates == 0 && oracle.Unexpected == 0 && oracle.OutOfOrder == 0 && oracle.Problems.Count == 0,
            Describe(oracle));
    }

    private static string Describe(DeliveryOracle oracle) => oracle + "\n" + string.Join("\n", oracle.Problems.Take(20));

    /// <summary>One sample of the gateway's /metrics (open without a login).</summary>
    private static async Task<double> GatewayMetricAsync(Pipeline pipeline, string series)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        return PrometheusText.Value(await http.GetStringAsync(pipeline.Layout.GatewayUrl + "/metrics", Cancel), series);
    }

    /// <summary>
    /// Reading-to-cloud latency: FHIR `issued` minus the unit's receipt time (from the gateway's export; the frame
    /// carries it to the second), and minus the gateway's own receipt time (to the tick), which isolates the
    /// store-and-forward leg.
    /// </summary>
    private async Task ReportLatencyAsync(Pipeline pipeline)
    {
        string gateway = Build().Gateway;
        using var export = ChildProcess.StartDotnet(gateway, ["readings", "export", "--data-dir", pipeline.Layout.GatewayData, "--format", "jsonl"]);
        Assert.Equal(0, await export.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var unitReceipt = new Dictionary<(string, long), DateTimeOffset>();
        var gatewayReceipt = new Dictionary<(string, long), DateTimeOffset>();
        foreach (string line in export.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            JsonElement r = doc.RootElement;
            var key = (r.GetProperty("unit").GetString()!, r.GetProperty("outboxSequence").GetInt64());
            gatewayReceipt[key] = DateTimeOffset.Parse(r.GetProperty("receivedUtc").GetString()!, CultureInfo.InvariantCulture);
            if (r.GetProperty("unitReceiptTime").GetString() is string at)
            {
                unitReceipt[key] = DateTimeOffset.Parse(at, CultureInfo.InvariantCulture);
            }
        }

        var observations = await FhirReader.ReadAsync(pipeline.Layout.CloudUrl, pipeline.ReaderSecret, SyntheticPatients.NhsNumbers(Units), Cancel);
        output.WriteLine("latency unit receipt -> cloud (receipt times to the second): " + Percentiles(observations, unitReceipt));
        output.WriteLine("latency gateway receipt -> cloud: " + Percentiles(observations, gatewayReceipt));
    }

    private static string Percentiles(List<CloudObservation> observations, Dictionary<(string, long), DateTimeOffset> since)
    {
        var latencies = observations.Where(o => since.ContainsKey((o.Unit, o.OutboxSequence)))
            .Select(o => (o.Issued - since[(o.Unit, o.OutboxSequence)]).TotalMilliseconds).Order().ToList();
        Assert.NotEmpty(latencies);
        return string.Create(CultureInfo.InvariantCulture,
            $"over {latencies.Count} readings p50 {latencies[latencies.Count / 2]:F0} ms, p99 {latencies[(int)(latencies.Count * 0.99)]:F0} ms");
    }
}
