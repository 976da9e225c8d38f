using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Dorset.Telehealth.Gateway.Tests.Alerts;

/// <summary>
/// The clock rules (stale device, unit offline, battery low) against the real gateway on a fake clock: time moves only
/// when the test advances it, and the evaluator is run at that instant. No test waits for a timer.
/// </summary>
public sealed class ClockAlertTests
{
    // UplinkFrames.WeightReading's device time, 07:30 UK time = UTC in November: staleness counts from when it was taken.
    private static readonly DateTimeOffset s_weighed = new(2026, 11, 24, 7, 30, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string?> s_rarely = new() { ["AlertingOptions:ClockRulesIntervalSeconds"] = "3600" };

    private static async Task<(AlertHost Host, string Secret)> UnitWithAScaleAsync()
    {
        var host = AlertHost.Start(settings: s_rarely);
        var weight = UplinkFrames.WeightReading("80.1", null);
        string secret = await host.PublishAsync("unit-a", "case-hf", UplinkFrames.Frame(1, weight));
        host.Host.Units.SetConfig("unit-a", UnitConfig.WithDevice("""{"devices":[],"settings":{}}""", new PairedDevice(2, "C0:26:DA:00:00:02", "weight-scale", false)));
        // The publish's session ended when the client was disposed: the unit went offline at the frame time.
        await Eventually.TrueAsync(() => host.Host.Units.Find("unit-a")!.Online == false);
        return (host, secret);
    }

    private static IReadOnlyList<AlertRecord> EvaluateAt(AlertHost host, TimeSpan after)
    {
        host.Time.SetUtcNow(AlertHost.FrameTime + after);
        host.Host.Services.GetRequiredService<ClockAlertEvaluator>().EvaluateNow();
        return host.Alerts.List(null, null, null);
    }

    [Fact]
    public async Task ScaleSilentFor36HoursSinceItsLastWeighing_IsNotStale_ButOneMinuteMoreIs()
    {
        var (host, secret) = await UnitWithAScaleAsync();
        await using var __ = host;

        var atSchedule = EvaluateAt(host, s_weighed.AddHours(36) - AlertHost.FrameTime);
        var past = EvaluateAt(host, s_weighed.AddHours(36).AddMinutes(1) - AlertHost.FrameTime);

        Assert.DoesNotContain(atSchedule, a => a.RuleId == "stale-device");
        AlertRecord stale = Assert.Single(past, a => a.RuleId == "stale-device");
        Assert.Equal(("info", "slot-2", "case-hf"), (stale.Level, stale.EpisodeKey, stale.PatientRef));
        Assert.Contains("weight-scale (slot 2): no reading for 36 h (expected every 36 h)", stale.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaleScale_IsOneRevisionDatedWhenItBecameStale_HoweverManyTimesTheRulesRun()
    {
        var (host, secret) = await UnitWithAScaleAsync();
        await using var __ = host;

        foreach (int hours in new[] { 37, 38, 40, 47 })
        {
            EvaluateAt(host, s_weighed.AddHours(hours) - AlertHost.FrameTime);
        }

        AlertRecord stale = Assert.Single(host.Alerts.List(null, null, null), a => a.RuleId == "stale-device");
        Assert.Equal((1, 1), (stale.Revision, stale.BreachCount));
        Assert.Equal(s_weighed.AddHours(36), stale.FirstBreachUtc);
    }

    [Fact]
    public async Task PerPatientSchedule_MakesTheScaleStaleAfter24Hours()
    {
        var (host, secret) = await UnitWithAScaleAsync();
        await using var __ = host;
        host.Host.Services.GetRequiredService<PatientSettingsStore>().Set("case-hf",
            new Dictionary<string, System.Text.Json.Nodes.JsonNode?> { ["deviceScheduleHoursByKind"] = new System.Text.Json.Nodes.JsonObject { ["weight-scale"] = 24 } },
            "dr.patel", AlertHost.FrameTime);

        Assert.DoesNotContain(EvaluateAt(host, s_weighed.AddHours(24) - AlertHost.FrameTime), a => a.RuleId == "stale-device");
        Assert.Single(EvaluateAt(host, s_weighed.AddHours(24).AddMinutes(1) - AlertHost.FrameTime), a => a.RuleId == "stale-device");
    }

    [Fact]
    public async Task UnitOfflineMoreThanAnHour_RaisesANotice_ThatResolvesWhenItReconnects()
    {
        var (host, secret) = await UnitWithAScaleAsync();
        await using var __ = host;

        Assert.DoesNotContain(EvaluateAt(host, TimeSpan.FromMinutes(60)), a => a.RuleId == "unit-offline");
        AlertRecord offline = Assert.Single(EvaluateAt(host, TimeSpan.FromMinutes(61)), a => a.RuleId == "unit-offline");
        Assert.Equal(AlertRecord.Open, offline.State);

        var (client, _) = await UnitClient.ConnectAsync(host.Host.MqttPort, "unit-a", secret);
        await using var _ = client;
        await Eventually.TrueAsync(() => host.Host.Units.Find("unit-a")!.Online);
        var after = EvaluateAt(host, TimeSpan.FromMinutes(62));

        Assert.Equal(AlertRecord.ResolvedState, after.Single(a => a.Id == offline.Id).State);
    }

    [Fact]
    public async Task LowUnitAndDeviceBatteries_RaiseOneNoticeEach()
    {
        var (host, secret) = await UnitWithAScaleAsync();
        await using var __ = host;
        var status = UnitStatusHandler.Parse("""{"state":"offline","battery":20,"devices":[{"slot":2,"battery":21}]}"""u8.ToArray())!;
        host.Host.Units.ApplyStatus("unit-a", status, AlertHost.FrameTime);

        var alerts = EvaluateAt(host, TimeSpan.FromMinutes(1)).Where(a => a.RuleId == "battery-low").ToList();

        AlertRecord unit = Assert.Single(alerts);
        Assert.Equal("unit", unit.EpisodeKey);
        Assert.Contains("home unit battery 20 %", unit.Summary, StringComparison.Ordinal);
    }
}
