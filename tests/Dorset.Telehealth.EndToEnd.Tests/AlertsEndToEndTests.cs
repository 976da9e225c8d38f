using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Demo.Alerts;
using Dorset.Telehealth.Demo.Processes;
using Dorset.Telehealth.Demo.Provisioning;
using Dorset.Telehealth.Emulator.Units;
using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.Time;
using Dorset.Telehealth.Protocol.Uplink;
using Dorset.Telehealth.TestSupport;
using MQTTnet;
using MQTTnet.Protocol;

namespace Dorset.Telehealth.EndToEnd.Tests;

/// <summary>
/// A clinical alert from a home unit's frame to a clinician's FHIR, with the cloud and the gateway as real processes: a
/// unit (with its provisioned credentials, over MQTT QoS 1) sends an SpO2 of 91 %; the hub must show an open red-urgent
/// alert within 1 s of the PUBACK, and after store-and-forward the cloud serves it as a DetectedIssue on the patient.
/// </summary>
public sealed class AlertsEndToEndTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dorset-e2e-alerts-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Spo2Of91_IsAnOpenRedUrgentAlertWithin1sOfThePuback_AndADetectedIssueInTheCloud()
    {
        var layout = new PipelineLayout(_directory, FreePort.Next(), FreePort.Next(), FreePort.Next());
        PipelineSecrets secrets = await PipelineProvisioner.ProvisionAsync(layout, 1, Cancel);
        DemoConsoleAccounts.Ensure(layout);
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        await using var pipeline = new Pipeline(layout, BuildOutputs.FromArtifacts(own.Parent!.Parent!.FullName, own.Name), secrets);
        await pipeline.StartCloudAsync(Cancel);
        await pipeline.StartGatewayAsync(Cancel);
        var (unitId, secret) = FleetCredentials.Read(layout.Credentials).Single();
        string patient = SyntheticPatients.NhsNumbers(1)[0];

        // As a script would, with the demo nurse's console session: the JSON APIs answer no one without one.
        using var hub = new GatewayAlerts(layout.GatewayUrl, DemoConsoleAccounts.Staff, DemoConsoleAccounts.PasswordOf(layout, DemoConsoleAccounts.Staff));
        // Logged in before the reading, as the hub's console is: the 1 s is the alert's, not the login's.
        Assert.Empty(await hub.AllAsync(Cancel));

        using IMqttClient unit = new MqttClientFactory().CreateMqttClient();
        await unit.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", layout.MqttPort).WithClientId(unitId)
            .WithCredentials(unitId, secret).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311).Build(), Cancel);
        var publish = await unit.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"dorset/v1/{unitId}/readings")
            .WithPayload(Spo2Frame(91)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), Cancel);
        var sincePuback = Stopwatch.StartNew();
        Assert.True(publish.IsSuccess, publish.ReasonString);

        string? alertId = null;
        while (alertId == null && sincePuback.Elapsed < TimeSpan.FromSeconds(5))
        {
            alertId = (await hub.AllAsync(Cancel))
                .Where(a => a.State == "open" && a.RuleId == "home-oximetry-spo2" && a.Level == "red-urgent").Select(a => a.Id).FirstOrDefault();
        }

        TimeSpan shown = sincePuback.Elapsed;
        output.WriteLine($"alert {alertId} in /api/alerts {shown.TotalMilliseconds:F0} ms after the PUBACK");
        Assert.NotNull(alertId);
        Assert.True(shown < TimeSpan.FromSeconds(1), $"shown {shown.TotalMilliseconds:F0} ms after the PUBACK");

        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", pipeline.ReaderSecret);
        JsonElement? issue = null;
        await Eventually.TrueAsync(async () =>
        {
            using var bundle = JsonDocument.Parse(await http.GetStringAsync($"{layout.CloudUrl}/fhir/DetectedIssue?patient={patient}", Cancel));
            issue = bundle.RootElement.TryGetProperty("entry", out JsonElement entries)
                ? entries.EnumerateArray().Select(e => e.GetProperty("resource"))
                    .Where(r => r.GetProperty("identifier")[0].GetProperty("value").GetString() == alertId).Select(r => (JsonElement?)r.Clone()).FirstOrDefault()
                : null;
            return issue != null;
        }, TimeSpan.FromSeconds(30), $"the cloud serves a DetectedIssue for alert {alertId}", poll: TimeSpan.FromMilliseconds(100));

        output.WriteLine($"DetectedIssue in the cloud {sincePuback.Elapsed.TotalMilliseconds:F0} ms after the PUBACK");
        Assert.NotNull(issue);
        Assert.Equal("high", issue.Value.GetProperty("severity").GetString());
        Assert.Equal($"Patient/{patient}", issue.Value.GetProperty("patient").GetProperty("reference").GetString());
        string implicated = issue.Value.GetProperty("implicated")[0].GetProperty("reference").GetString()!;
        using var observation = JsonDocument.Parse(await http.GetStringAsync($"{layout.CloudUrl}/fhir/{implicated}", Cancel));
        Assert.Equal(91m, observation.RootElement.GetProperty("valueQuantity").GetProperty("value").GetDecimal());
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

    // A spot-check received now from the oximeter, which the provisioner pairs in slot 1 (VirtualHome.Devices).
    private static byte[] Spo2Frame(int spo2)
    {
        const int slot = 1;
        DateTime now = DateTime.UtcNow;
        var reading = new UplinkReading
        {
            Kind = ReadingKind.PulseOximetry, Slot = slot, DeviceSequence = UplinkReading.NoSequence,
            ReceivedAt = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, DateTimeKind.Utc), ClockSynchronised = true,
            Values = [new MedicalFloat(spo2, 0), new MedicalFloat(72, 0)],
        };
        // Version 1, as a unit before frame v2 sends it: the gateway attributes it by the slot the provisioner paired.
        return UplinkFrameEncoder.Encode(new UplinkFrame { Version = UplinkFrame.FirstVersion, FirstSequence = 1, Readings = [reading] });
    }
}
