using Dorset.Telehealth.TestSupport;
using System;
using System.Linq;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Diagnostics;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.Protocol.Time;
using Microsoft.Extensions.DependencyInjection;

namespace Dorset.Telehealth.Gateway.Tests.Alerts;

/// <summary>
/// Readings published by real MQTT clients through the real broker raise, update and resolve alert rows that are
/// committed with them (checked the moment the PUBACK returns), shown by api/alerts and sounded on the panel.
/// </summary>
public sealed class AlertPipelineTests
{
    [Fact]
    public async Task Spo2Of91_RaisesOneRedUrgentAlertNamingPatientUnitRuleAndReading_BeforeThePuback()
    {
        await using var host = AlertHost.Start();

        await host.PublishAsync("unit-a", "case-17", UplinkFrames.Frame(1, UplinkFrames.OximetryReading(91, 72)));

        // No waiting: the alert committed in the reading's transaction, before the PUBACK.
        AlertRecord alert = host.Alerts.List(AlertRecord.Open, null, null).Single(a => a.RuleId == "home-oximetry-spo2");
        Assert.Equal("red-urgent", alert.Level);
        Assert.Equal("case-17", alert.PatientRef);
        Assert.Equal("unit-a", alert.UnitId);
        Assert.Contains("SpO2 91 %", alert.Summary, StringComparison.Ordinal);
        Assert.Equal(new AlertValue("spo2", "91", "%"), alert.Worst);
        long readingId = host.Host.Readings.Export("unit-a", null).Single().Id;
        Assert.Equal(readingId, Assert.Single(alert.Evidence).ReadingId);
        Assert.Null(alert.LateMinutes);
        Assert.True(host.Alarms.RedAlertSounding);
        Assert.True(host.Alarms.RedAlertUnacknowledged);
        Assert.Equal(1, host.Host.Services.GetRequiredService<GatewayMetrics>().AlertsRaised("home-oximetry-spo2"));

        using var api = await host.Host.StartApiSessionAsync();
        var viaApi = await api.GetFromJsonAsync<JsonElement>("/api/alerts?state=open&patient=case-17");
        Assert.Contains(viaApi.EnumerateArray(), a => a.GetProperty("id").GetString() == alert.Id && a.GetProperty("level").GetString() == "red-urgent");
        string metrics = await host.Host.Http.GetStringAsync("/metrics");
        Assert.Contains("dorset_gateway_alerts_raised_total{rule=\"home-oximetry-spo2\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("dorset_gateway_alerts_open{level=\"red-urgent\"}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeFeed_GetsTheCommittedReadingsAndTheRaisedAlert()
    {
        await using var host = AlertHost.Start();
        using var stop = new System.Threading.CancellationTokenSource();
        var feed = host.Host.Services.GetRequiredService<HubChangeFeed>().Subscribe(stop.Token);

        await host.PublishAsync("unit-a", null, UplinkFrames.Frame(1, UplinkFrames.OximetryReading(91, 72)));

        string alertId = host.Alerts.List(null, null, null).Single(a => a.RuleId == "home-oximetry-spo2").Id;
        var changes = new System.Collections.Generic.List<HubChange>();
        while (feed.TryRead(out HubChange? change))
        {
            changes.Add(change);
        }

        Assert.Contains(new HubChange("readings", "unit-a", "1"), changes);
        Assert.Contains(new HubChange("alert", alertId, "raised"), changes);
        stop.Cancel();
        Assert.Equal(0, host.Host.Services.GetRequiredService<HubChangeFeed>().Subscribers);
    }

    [Fact]
    public async Task Spo2Of92WithPulse131_RaisesAPartialNews2WithEachParameter()
    {
        await using var host = AlertHost.Start();

        await host.PublishAsync("unit-a", "case-1", UplinkFrames.Frame(1, UplinkFrames.OximetryReading(92, 131)));

        AlertRecord news2 = host.Alerts.List(null, null, null).Single(a => a.RuleId == "news2-partial");
        Assert.Equal("red", news2.Level);
        Assert.NotNull(news2.Score);
        Assert.True(news2.Score!.Partial);
        Assert.Equal(5, news2.Score.Total);
        Assert.Equal("urgent", news2.Score.Escalation);
        Assert.Equal(new[] { ("spo2", 2), ("pulse", 3), ("oxygen", 0) }, news2.Score.Parameters.Select(p => (p.Name, p.Score)));
        Assert.Contains("partial NEWS2", news2.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StormOf100BreachingReadings_IsOneAlert_AndANewRuleStillRaisesItsOwn()
    {
        await using var host = AlertHost.Start();
        var storm = Enumerable.Range(1, 100).Select(i => UplinkFrames.Frame(i, UplinkFrames.GlucoseReading(i, i == 37 ? "2.2" : "3.5"))).ToArray();

        await host.PublishAsync("unit-a", "case-1", storm.Append(UplinkFrames.Frame(101, UplinkFrames.OximetryReading(97, 140))).ToArray());

        var open = host.Alerts.List(AlertRecord.Open, null, null);
        AlertRecord glucose = Assert.Single(open, a => a.RuleId == "glucose-low");
        Assert.Equal(100, glucose.BreachCount);
        Assert.Equal("red-urgent", glucose.Level);
        Assert.Equal("2.2", glucose.Worst!.Value);
        Assert.True(glucose.Evidence.Count <= AlertWriter.MaxEvidence);
        Assert.Single(open, a => a.RuleId == "news2-partial");
    }

    [Fact]
    public async Task SameReadingDeliveredThreeTimes_RaisesOneAlertWithOneBreach()
    {
        await using var host = AlertHost.Start();
        byte[] frame = UplinkFrames.Glucose(1, 5, "2.9");

        await host.PublishAsync("unit-a", null, frame, frame, frame);

        AlertRecord alert = Assert.Single(host.Alerts.List(null, null, null));
        Assert.Equal(1, alert.BreachCount);
        Assert.Equal(1, alert.Revision);
    }

    [Fact]
    public async Task ControlSolutionOf2_1_IsStoredAndRaisesNothing()
    {
        await using var host = AlertHost.Start();

        await host.PublishAsync("unit-a", null, UplinkFrames.Frame(1, UplinkFrames.GlucoseReading(1, "2.1", type: 10)));

        Assert.Contains("control-solution", host.Host.Readings.Export("unit-a", null).Single().Flags);
        Assert.Empty(host.Alerts.List(null, null, null));
        Assert.False(host.Alarms.RedAlertUnacknowledged);
    }

    [Fact]
    public async Task ReadingTakenThreeDaysAgo_RaisesALateAlertThatLightsTheLedButDoesNotSound()
    {
        await using var host = AlertHost.Start(AlertHost.FrameTime.AddDays(3));

        await host.PublishAsync("unit-a", null, UplinkFrames.Glucose(1, 5, "2.9"));

        AlertRecord alert = Assert.Single(host.Alerts.List(null, null, null));
        Assert.True(alert.LateMinutes >= 3 * 24 * 60 - 1);
        Assert.StartsWith("LATE reading, taken 3 d 0 h before it reached the hub", alert.Summary, StringComparison.Ordinal);
        Assert.True(host.Alarms.RedAlertUnacknowledged);
        Assert.False(host.Alarms.RedAlertSounding);
    }

    [Fact]
    public async Task NormalReadingAfterABreach_ResolvesTheAlert_WhichStaysListedUntilAcknowledged()
    {
        await using var host = AlertHost.Start();
        var later = new DeviceTime(2026, 11, 24, 8, 0, 1);

        await host.PublishAsync("unit-a", null, UplinkFrames.Glucose(1, 5, "3.4"), UplinkFrames.Frame(2, UplinkFrames.GlucoseReading(6, "5.8", deviceTime: later)));

        AlertRecord alert = Assert.Single(host.Alerts.List(AlertRecord.ResolvedState, null, null));
        Assert.StartsWith("condition cleared: glucose 5.8 mmol/L", alert.Resolved!.Reason, StringComparison.Ordinal);
        Assert.Null(alert.Acknowledged);
        Assert.True(host.Alarms.RedAlertUnacknowledged, "a resolved red alert nobody has seen keeps the LED on");
    }

    [Fact]
    public async Task WeightUp2_5KgOverThreeDays_RaisesAHeartFailureAlertNamingBothWeighings()
    {
        await using var host = AlertHost.Start();
        byte[] Weighing(int outbox, int day, string kg)
        {
            var reading = UplinkFrames.WeightReading(kg, null);
            reading.DeviceTime = new DeviceTime(2026, 11, day, 7, 30, 0);
            return UplinkFrames.Frame(outbox, reading);
        }

        await host.PublishAsync("unit-a", "case-hf", Weighing(1, 21, "80.0"), Weighing(2, 22, "80.4"), Weighing(3, 23, "81.6"), Weighing(4, 24, "82.5"));

        AlertRecord alert = Assert.Single(host.Alerts.List(null, null, null), a => a.RuleId == "hf-weight-gain");
        Assert.Equal("amber", alert.Level);
        Assert.Equal(new AlertValue("weight-gain", "2.5", "kg"), alert.Worst);
        Assert.Equal(new[] { "80", "82.5" }, alert.Evidence.Select(e => e.Value));
    }

    [Fact]
    public async Task Acknowledge_RecordsWhoWhenAndNote_AuditsIt_TurnsTheLedOff_AndASecondIsRefused()
    {
        await using var host = AlertHost.Start();
        await host.PublishAsync("unit-a", "case-17", UplinkFrames.Frame(1, UplinkFrames.OximetryReading(91, 72)));
        string id = host.Alerts.List(null, null, null).Single(a => a.RuleId == "home-oximetry-spo2").Id;
        host.Time.Advance(TimeSpan.FromMinutes(4));

        using var nurse = await host.Host.StartApiSessionAsync("nurse.jones");
        using var other = await host.Host.StartApiSessionAsync("someone.else");
        var response = await nurse.PostAsJsonAsync($"/api/alerts/{id}/acknowledge", new { note = "phoned, repeat 96 %" });
        var again = await other.PostAsJsonAsync($"/api/alerts/{id}/acknowledge", new { note = "me too" });
        var missing = await nurse.PostAsJsonAsync("/api/alerts/nope/acknowledge", new { note = "x" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already acknowledged by nurse.jones", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        AlertRecord alert = host.Alerts.Get(id)!;
        Assert.Equal(AlertRecord.AcknowledgedState, alert.State);
        Assert.Equal(new AlertAcknowledgement("nurse.jones", AlertHost.FrameTime.AddMinutes(4), "phoned, repeat 96 %"), alert.Acknowledged);
        var audit = AuditLog.Read(host.Host.Services.GetRequiredService<Dorset.Telehealth.Gateway.Storage.GatewayDatabase>(), "alert:" + id, 10);
        Assert.Equal("nurse.jones", Assert.Single(audit).Actor);
        // The NEWS2 alert of the same reading is still unacknowledged: the LED stays on until it is too.
        Assert.True(host.Alarms.RedAlertUnacknowledged);
        foreach (AlertRecord open in host.Alerts.List(AlertRecord.Open, null, null))
        {
            await nurse.PostAsJsonAsync($"/api/alerts/{open.Id}/acknowledge", new { note = "phoned" });
        }

        Assert.False(host.Alarms.RedAlertUnacknowledged);
        Assert.False(host.Alarms.RedAlertSounding);
    }

    [Theory]
    [InlineData("/api/alerts?state=closed")]
    [InlineData("/api/alerts?since=yesterday")]
    public async Task ListWithABadFilter_Is400NamingIt(string url)
    {
        await using var host = AlertHost.Start();
        using var api = await host.Host.StartApiSessionAsync();

        var response = await api.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(url.Contains("state", StringComparison.Ordinal) ? "state must be" : "since must be", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_WithAnOpenRedAlert_RestoresTheLedAndBuzzer()
    {
        using var dir = new TempDirectory();
        await using (var first = AlertHost.Start(dataDir: dir.Path))
        {
            await first.PublishAsync("unit-a", null, UplinkFrames.Glucose(1, 5, "2.9"));
            Assert.True(first.Alarms.RedAlertSounding);
        }

        await using var second = AlertHost.Start(dataDir: dir.Path);

        await Eventually.TrueAsync(() => second.Alarms.RedAlertSounding, because: "the panel is rebuilt from stored alerts at start");
        Assert.True(second.Alarms.RedAlertUnacknowledged);
        Assert.Single(second.Alerts.List(AlertRecord.Open, null, null));
    }

    [Fact]
    public async Task PatientOverride_MakesSpo2Of91Amber_AndTheChangeIsAudited()
    {
        await using var host = AlertHost.Start();
        var settings = host.Host.Services.GetRequiredService<PatientSettingsStore>();
        Assert.Contains("no unit has patient reference 'case-copd'", settings.Set("case-copd",
            new System.Collections.Generic.Dictionary<string, System.Text.Json.Nodes.JsonNode?> { ["spo2Scale"] = 2 }, "dr.patel", AlertHost.FrameTime), StringComparison.Ordinal);
        host.Host.Units.Add("unit-spare", "case-copd");
        Assert.Equal((string?)null, settings.Set("case-copd", new System.Collections.Generic.Dictionary<string, System.Text.Json.Nodes.JsonNode?>
        {
            ["spo2UrgentAtOrBelow"] = 87,
            ["spo2Scale"] = 2,
        }, "dr.patel", AlertHost.FrameTime));

        await host.PublishAsync("unit-a", "case-copd", UplinkFrames.Frame(1, UplinkFrames.OximetryReading(91, 72)));

        AlertRecord alert = Assert.Single(host.Alerts.List(null, null, null));
        Assert.Equal(("home-oximetry-spo2", "amber"), (alert.RuleId, alert.Level));
        AuditEntry change = Assert.Single(AuditLog.Read(host.Host.Services.GetRequiredService<Dorset.Telehealth.Gateway.Storage.GatewayDatabase>(), "patient:case-copd", 10));
        Assert.Equal(("dr.patel", "{}"), (change.Actor, change.OldJson));
        Assert.Contains("\"spo2UrgentAtOrBelow\":87", change.NewJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatientOverride_MisspeltDeviceKind_IsRefused()
    {
        await using var host = AlertHost.Start();
        host.Host.Units.Add("unit-a", "case-1");
        var settings = host.Host.Services.GetRequiredService<PatientSettingsStore>();

        string? refused = settings.Set("case-1", new System.Collections.Generic.Dictionary<string, System.Text.Json.Nodes.JsonNode?>
        {
            ["expectedDeviceKinds"] = new System.Text.Json.Nodes.JsonArray("weight-scale", "glucos-meter"),
        }, "x", AlertHost.FrameTime);

        Assert.Contains("'glucos-meter' is not a device kind", refused, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "text/plain")]
    [InlineData("{not json", "application/json")]
    [InlineData("{\"note\": 123}", "application/json")]
    [InlineData("{\"by\": \"nurse.jones\"}", "application/json")]
    [InlineData("{\"note\": \"   \"}", "application/json")]
    public async Task Acknowledge_WithoutAUsableBody_Is400SayingWhatItTakes(string body, string contentType)
    {
        await using var host = AlertHost.Start();
        await host.PublishAsync("unit-a", null, UplinkFrames.Glucose(1, 5, "2.9"));
        string id = host.Alerts.List(null, null, null).Single().Id;

        using var api = await host.Host.StartApiSessionAsync();
        var response = await api.PostAsync($"/api/alerts/{id}/acknowledge", new System.Net.Http.StringContent(body, System.Text.Encoding.UTF8, contentType));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("note", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("what was done", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(host.Alerts.Get(id)!.Acknowledged);
    }

    [Theory]
    [InlineData("spo2Scale", 3, "spo2Scale must be 1 or 2")]
    [InlineData("spo2Scael", 2, "spo2Scael")]
    public async Task PatientOverride_Invalid_IsRefusedNamingTheSetting(string name, int value, string problem)
    {
        await using var host = AlertHost.Start();
        var settings = host.Host.Services.GetRequiredService<PatientSettingsStore>();

        string? refused = settings.Set("case-1", new System.Collections.Generic.Dictionary<string, System.Text.Json.Nodes.JsonNode?> { [name] = value }, "x", AlertHost.FrameTime);

        Assert.Contains(problem, refused, StringComparison.Ordinal);
        Assert.Equal("{}", settings.Show("case-1").Overrides.ToJsonString());
    }
}
