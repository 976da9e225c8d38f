using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Diagnostics;
using Dorset.Telehealth.Gateway.Forwarding;
using Dorset.Telehealth.Gateway.Ingest;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Dorset.Telehealth.Gateway.Tests.Forwarding;

public sealed class ForwardingServiceTests
{
    private static GatewayHost Start(FlakyCloud cloud, string? batchSize = "7", Action<IServiceCollection>? services = null)
    {
        return new GatewayHost(services, new Dictionary<string, string?>
        {
            ["ForwardingOptions:CloudUrl"] = cloud.Url,
            ["ForwardingOptions:BearerSecret"] = "gw-secret",
            ["ForwardingOptions:BatchSize"] = batchSize,
            ["ForwardingOptions:MinBackoffMilliseconds"] = "20",
            ["ForwardingOptions:MaxBackoffMilliseconds"] = "200",
        });
    }

    private static GatewayHost StartOnClock(FlakyCloud cloud, TimeProvider time) =>
        new(services: s => s.AddSingleton(time), settings: new Dictionary<string, string?>
        {
            ["ForwardingOptions:CloudUrl"] = cloud.Url,
            ["ForwardingOptions:MinBackoffMilliseconds"] = "20",
            ["ForwardingOptions:MaxBackoffMilliseconds"] = "200",
            ["ForwardingOptions:RequestTimeoutSeconds"] = "30",
        });

    private static async Task Ingest(GatewayHost host, string unit, int from, int count)
    {
        var writer = host.Services.GetRequiredService<GroupCommitWriter>();
        for (int i = from; i < from + count; i++)
        {
            await writer.CommitFrameAsync(unit, "t", new byte[] { 1 }, new[] { Readings.Glucose(i, i) }, new string?[1], DateTimeOffset.UtcNow);
        }
    }

    [Fact]
    public async Task Forward_ReadingArrivesWhileIdle_LeavesAtOnce_NotAtTheNextIdlePoll()
    {
        await using var cloud = new FlakyCloud();
        // An idle poll far longer than the test: only ingest's signal can get the reading out in time.
        await using var host = new GatewayHost(services: WatchedOutbox.Register, settings: new Dictionary<string, string?>
        {
            ["ForwardingOptions:CloudUrl"] = cloud.Url,
            ["ForwardingOptions:BearerSecret"] = "gw-secret",
            ["ForwardingOptions:IdleDelayMilliseconds"] = "600000",
        });
        string secret = host.Units.Add("unit-a", null);
        host.Units.SetConfig("unit-a", """{"devices":[{"slot":0,"address":"C0:26:DA:01:02:03","kind":"glucose-meter","needsBond":true}],"settings":{}}""");
        var (client, _) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", secret);
        await using var __ = client;
        // Published only once the forwarder has looked, found nothing and gone idle, so its first look cannot take it.
        var outbox = host.Services.GetRequiredService<WatchedOutbox>();
        await Eventually.TrueAsync(() => outbox.EmptyTakes >= 1, because: "the forwarder finds the outbox empty");

        await client.PublishAsync(MqttTopics.Readings("unit-a"), UplinkFrames.Glucose(1, 5));

        await Eventually.TrueAsync(() => cloud.StoredInOrder.Count == 1 && host.Readings.Backlog().Count == 0, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Forward_CloudWithoutTheAlertApi_ReadingsStillFlow_AndTheAlertWaitsForIt()
    {
        await using var cloud = new FlakyCloud();
        await using var host = Start(cloud);
        host.Units.Add("unit-a", null);
        var writer = host.Services.GetRequiredService<GroupCommitWriter>();

        await writer.CommitFrameAsync("unit-a", "t", new byte[] { 1 }, new[] { Readings.Glucose(1, 1, "2.9") }, new string?[1], DateTimeOffset.UtcNow);
        await Ingest(host, "unit-a", 2, 5);

        await Eventually.TrueAsync(() => cloud.StoredInOrder.Count == 6 && host.Readings.Backlog().Count == 0, TimeSpan.FromSeconds(20));
        // FlakyCloud has no /api/v1/alerts/batch (404): the alert's revision is still the cloud's to confirm.
        var alert = Assert.Single(host.Services.GetRequiredService<Dorset.Telehealth.Gateway.Alerts.AlertStore>().Unforwarded(10));
        Assert.Equal("glucose-low", alert.RuleId);
    }

    [Fact]
    public async Task Forward_CloudDownThenUp_EveryReadingArrivesOnceInOrderPerUnit()
    {
        await using var cloud = new FlakyCloud { Down = true };
        await using var host = Start(cloud);
        await Ingest(host, "u1", 1, 20);
        await Ingest(host, "u2", 1, 15);
        await Eventually.TrueAsync(() => cloud.Failures >= 3, because: "the forwarder keeps retrying while the cloud is down");
        Assert.Equal(35, host.Readings.Backlog().Count);

        cloud.Down = false;
        await Ingest(host, "u1", 21, 5);

        await Eventually.TrueAsync(() => host.Readings.Backlog().Count == 0, TimeSpan.FromSeconds(20));
        var keys = cloud.StoredInOrder;
        Assert.Equal(40, keys.Count);
        Assert.Equal(40, keys.Distinct().Count());
        foreach (string unit in new[] { "u1", "u2" })
        {
            var sequences = keys.Where(k => k.StartsWith(unit + "/", StringComparison.Ordinal)).Select(k => long.Parse(k.Split('/')[1])).ToList();
            Assert.Equal(sequences.OrderBy(s => s), sequences);
        }

        Assert.Equal("Bearer gw-secret", cloud.LastAuthorization);
        Assert.True(host.Services.GetRequiredService<ForwarderState>().LinkOk);
    }

    [Fact]
    public async Task Forward_CloudTakesFewerReadingsThanTheBatchSize_Its413HalvesTheBatch_AndEveryReadingArrivesOnceInOrder()
    {
        // A cloud configured below the gateway's batch size (MaxBatchReadings 10 against 40) answers 413, not a 400 without an item.
        await using var cloud = new FlakyCloud { Down = true, MaxReadings = 10 };
        await using var host = Start(cloud, batchSize: "40");
        // One frame of 40 is one transaction, so the forwarder's first take is all 40 or none: its client then re-sends
        // that same body while the cloud is down, so a first take of fewer (40 single commits) would never grow to 40.
        var writer = host.Services.GetRequiredService<GroupCommitWriter>();
        var frame = Enumerable.Range(1, 40).Select(i => Readings.Glucose(i, i)).ToArray();
        await writer.CommitFrameAsync("u1", "t", new byte[] { 1 }, frame, new string?[frame.Length], DateTimeOffset.UtcNow);
        await Eventually.TrueAsync(() => Sizes(cloud).Contains(40), because: "the whole backlog was offered while the cloud is down");

        cloud.Down = false;

        await Eventually.TrueAsync(() => host.Readings.Backlog().Count == 0, TimeSpan.FromSeconds(20));
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), cloud.StoredInOrder.Select(k => long.Parse(k.Split('/')[1])));
        int[] sizes = Sizes(cloud);
        // 40 while down and once refused, then halved twice.
        Assert.Equal(new[] { 20, 10, 10, 10, 10 }, sizes.Skip(Array.LastIndexOf(sizes, 40) + 1));

        static int[] Sizes(FlakyCloud cloud) =>
            cloud.Bodies.ToArray().Select(b => System.Text.Json.JsonDocument.Parse(b).RootElement.GetProperty("readings").GetArrayLength()).ToArray();
    }

    [Fact]
    public async Task Start_BatchSizeAboveWhatTheCloudContractAllows_IsRefusedOnStart_InOneLine()
    {
        using var dir = new TempDirectory();
        string port = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (code, _, stderr) = await GatewayProcess.RunAsync("--data-dir", dir.Path, "--mqtt-port", port, "--mqtts-port", "0", "--GpioOptions:PinMapPath=",
            $"--ForwardingOptions:BatchSize={CloudBatchContract.MaxReadings + 1}");

        Assert.Equal(2, code);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("gateway not started: ", line, StringComparison.Ordinal);
        Assert.Contains("BatchSize", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forward_ConnectionResetAsItOpens_IsRetried_NotTheEndOfTheGateway()
    {
        await using var cloud = new ResettingListener();
        await using var host = new GatewayHost(settings: new Dictionary<string, string?>
        {
            ["ForwardingOptions:CloudUrl"] = cloud.Url,
            ["ForwardingOptions:MinBackoffMilliseconds"] = "20",
            ["ForwardingOptions:MaxBackoffMilliseconds"] = "100",
        });
        var lifetime = host.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>();
        await Ingest(host, "u1", 1, 1);

        await Eventually.TrueAsync(() => cloud.Resets >= 4 || lifetime.ApplicationStopping.IsCancellationRequested, TimeSpan.FromSeconds(20));

        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested, "a reset connection stopped the gateway");
        Assert.True(host.Services.GetRequiredService<ForwarderState>().ConsecutiveFailures >= 3);
        Assert.Equal(1, host.Readings.Backlog().Count);
    }

    [Fact]
    public async Task Forward_CommitsArrivingTogether_LeaveInOnePostAfterTheHold_NotAPostPerCommit()
    {
        await using var cloud = new FlakyCloud();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new GatewayHost(services: s => s.AddSingleton<TimeProvider>(time), settings: new Dictionary<string, string?>
        {
            ["ForwardingOptions:CloudUrl"] = cloud.Url,
            ["ForwardingOptions:PartialBatchHoldMilliseconds"] = "1000",
        });
        await Ingest(host, "u1", 1, 1);
        await Eventually.TrueAsync(() => cloud.Requests == 1 && host.Readings.Backlog().Count == 0, TimeSpan.FromSeconds(20));

        // Every unit draining at once: a commit after another, each waking the forwarder as ingest does, which used to
        // be a post per commit.
        var signal = host.Services.GetRequiredService<NewReadingsSignal>();
        for (int i = 2; i <= 10; i++)
        {
            await Ingest(host, "u1", i, 1);
            signal.Notify();
            await Task.Delay(20, TestContext.Current.CancellationToken); // a commit's pace; the outcome waits for no clock
        }

        time.Advance(TimeSpan.FromMilliseconds(1000));

        await Eventually.TrueAsync(() => host.Readings.Backlog().Count == 0, TimeSpan.FromSeconds(20));
        Assert.Equal(2, cloud.Requests);
        Assert.Equal(10, cloud.StoredInOrder.Count);
    }

    [Fact]
    public async Task Forward_ResponseOmitsSomeKeys_OnlyListedOnesAreMarkedForwarded()
    {
        await using var cloud = new FlakyCloud();
        bool omit = true;
        cloud.Omit = key => omit && key.StartsWith("u1/3/", StringComparison.Ordinal);
        await using var host = Start(cloud);

        await Ingest(host, "u1", 1, 5);
        await Eventually.TrueAsync(() => host.Readings.Backlog().Count == 1);
        Assert.False(host.Readings.Export("u1", null).Single(r => r.OutboxSequence == 3).Forwarded);

        omit = false;
        await Eventually.TrueAsync(() => host.Readings.Backlog().Count == 0);
        Assert.Equal(5, cloud.StoredInOrder.Count);
    }

    [Fact]
    public async Task Forward_RejectedKey_IsKeptNotResentAndOthersFlow()
    {
        await using var cloud = new FlakyCloud { Reject = key => key.StartsWith("u1/2/", StringComparison.Ordinal) ? "unit-of-another-hub: unit u1 belongs to hub poole" : null };
        await using var host = Start(cloud, services: WatchedOutbox.Register);
        var outbox = host.Services.GetRequiredService<WatchedOutbox>();

        await Ingest(host, "u1", 1, 4);

        await Eventually.TrueAsync(() => cloud.StoredInOrder.Count == 3 && host.Readings.Backlog().Count == 1);
        int requests = cloud.Requests;
        // Not a quiet interval but the forwarder's own looks: two more that found nothing to send (a re-sent rejected
        // key would be something to send, and a request).
        int looks = outbox.EmptyTakes;
        await Eventually.TrueAsync(() => outbox.EmptyTakes >= looks + 2, because: "the forwarder looks twice more and finds nothing to send");
        Assert.Equal(requests, cloud.Requests);
        Assert.Equal(4, host.Readings.Count());
        Assert.Equal(1, host.Readings.Backlog().Count);
    }

    [Fact]
    public async Task Metrics_AfterFailuresAndRecovery_ShowBacklogAndLastSuccess()
    {
        await using var cloud = new FlakyCloud();
        cloud.FailNext(2);
        await using var host = Start(cloud);
        await Ingest(host, "u1", 1, 3);

        await Eventually.TrueAsync(() => host.Readings.Backlog().Count == 0);
        string metrics = await host.Http.GetStringAsync("/metrics");

        Assert.Contains("dorset_gateway_backlog_readings 0", metrics, StringComparison.Ordinal);
        Assert.Contains("dorset_gateway_forward_failures_total 2", metrics, StringComparison.Ordinal);
        Assert.Contains("dorset_gateway_forwarded_readings_total 3", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("dorset_gateway_forward_last_success_timestamp_seconds 0\n", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forward_CloudAnswers429WithRetryAfter_TheBatchWaitsThatLongOnTheHostClock_NotTheBackOff()
    {
        await using var cloud = new FlakyCloud { RetryAfter = TimeSpan.FromSeconds(120) };
        cloud.FailNext(1);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = StartOnClock(cloud, time);
        var state = host.Services.GetRequiredService<ForwarderState>();
        // One reading, so one batch: two committed apart (a busy machine) would be two posts and blur the count.
        await Ingest(host, "u1", 1, 1);
        await Eventually.TrueAsync(() => cloud.Requests == 1 && state.ConsecutiveFailures == 1);
        DateTimeOffset refusedAt = state.LastErrorUtc!.Value;

        await Eventually.TrueAsync(() => StepUntil(time, () => host.Readings.Backlog().Count == 0), TimeSpan.FromSeconds(20));

        // The back-off alone (20-200 ms) would have sent it again within the first step.
        Assert.InRange(state.LastSuccessUtc!.Value - refusedAt, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(150));
        Assert.Equal(2, cloud.Requests);
        Assert.Single(cloud.StoredInOrder);
    }

    [Fact]
    public async Task Forward_CloudSilentPastTheRequestTimeout_TheAttemptIsAbandonedOnTheHostClock_AndTheBatchGoesAgain()
    {
        await using var cloud = new FlakyCloud();
        cloud.HangNext(1);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = StartOnClock(cloud, time);
        var state = host.Services.GetRequiredService<ForwarderState>();
        await Ingest(host, "u1", 1, 1);
        await Eventually.TrueAsync(() => cloud.Requests == 1);
        DateTimeOffset sentAt = time.GetUtcNow(); // the attempt's timer started at this fake instant: the clock stood still

        // Twenty real seconds for thirty of the host's: only the fake clock can time the attempt out in time.
        await Eventually.TrueAsync(() => StepUntil(time, () => host.Readings.Backlog().Count == 0), TimeSpan.FromSeconds(20));

        Assert.Equal("timed out", state.LastError);
        Assert.InRange(state.LastErrorUtc!.Value - sentAt, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(31));
        Assert.Equal(2, cloud.Requests);
        Assert.True(state.LinkOk);
    }

    // One second of the host's clock per poll until done: a timer set a moment late still fires within a step of its time.
    private static bool StepUntil(Microsoft.Extensions.Time.Testing.FakeTimeProvider time, Func<bool> done)
    {
        if (done())
        {
            return true;
        }

        time.Advance(TimeSpan.FromSeconds(1));
        return false;
    }

    [Fact]
    public async Task Forward_Item_MatchesTheCloudContract()
    {
        await using var cloud = new FlakyCloud();
        await using var host = Start(cloud);
        var writer = host.Services.GetRequiredService<GroupCommitWriter>();

        await writer.CommitFrameAsync("u1", "t", new byte[] { 1 }, new[] { Readings.Glucose(17, 88, "3.2") }, new string?[] { "glucose 3.2 checked" }, DateTimeOffset.UtcNow);

        await Eventually.TrueAsync(() => cloud.Bodies.Count > 0);
        using var body = System.Text.Json.JsonDocument.Parse(cloud.Bodies.First());
        var item = body.RootElement.GetProperty("readings")[0];
        Assert.Equal("u1/17/C0:26:DA:01:02:03/s88", item.GetProperty("key").GetString());
        Assert.Equal("C0:26:DA:01:02:03", item.GetProperty("device").GetProperty("address").GetString());
        Assert.Equal("glucose-meter", item.GetProperty("device").GetProperty("kind").GetString());
        Assert.Equal(0, item.GetProperty("device").GetProperty("slot").GetInt32());
        Assert.Equal("3.2", item.GetProperty("values")[0].GetProperty("value").GetString());
        Assert.Equal("capillary-whole-blood", item.GetProperty("glucose").GetProperty("sampleType").GetString());
        Assert.Equal("implausible", item.GetProperty("flags")[0].GetString());
        Assert.Equal("glucose 3.2 checked", item.GetProperty("gatewayNote").GetString());
        Assert.Equal("2026-11-24T08:00:00", item.GetProperty("deviceTime").GetString());
        Assert.Equal("2026-11-24T08:00:05Z", item.GetProperty("receivedAt").GetString());
        Assert.True(item.GetProperty("clockSynchronised").GetBoolean());
        Assert.EndsWith("Z", item.GetProperty("gatewayReceivedAt").GetString(), StringComparison.Ordinal);
        Assert.Equal("hub-gateway", body.RootElement.GetProperty("gatewayId").GetString());
    }

    [Fact]
    public async Task Forward_BadRequestNamingAnItem_SetsItAsideAndSendsTheRest()
    {
        await using var cloud = new FlakyCloud { BadRequest = key => key.StartsWith("u1/3/", StringComparison.Ordinal) };
        await using var host = Start(cloud);

        await Ingest(host, "u1", 1, 5);

        // The cloud stores before it answers; the gateway marks after the answer.
        await Eventually.TrueAsync(() => cloud.StoredInOrder.Count == 4 && host.Readings.Backlog().Count == 1);
        Assert.False(host.Readings.Export("u1", null).Single(r => r.OutboxSequence == 3).Forwarded);
        Assert.DoesNotContain(cloud.StoredInOrder, k => k.StartsWith("u1/3/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Forward_SlotWithoutPairedDevice_IsHeldUntilPaired()
    {
        await using var cloud = new FlakyCloud();
        await using var host = Start(cloud);
        host.Units.Add("u1", null);
        var writer = host.Services.GetRequiredService<GroupCommitWriter>();
        await writer.CommitFrameAsync("u1", "t", new byte[] { 1 }, new[] { Readings.Glucose(1, 1, slot: 4, address: null) }, new string?[1], DateTimeOffset.UtcNow);
        await Ingest(host, "u1", 2, 2);

        await Eventually.TrueAsync(() => cloud.StoredInOrder.Count == 2 && host.Readings.Backlog().Count == 1);

        host.Units.SetConfig("u1", """{"devices":[{"slot":4,"address":"00:1B:DC:44:55:66","kind":"glucose-meter","needsBond":false}],"settings":{}}""");

        await Eventually.TrueAsync(() => cloud.StoredInOrder.Count == 3, TimeSpan.FromSeconds(15));
        Assert.Contains("u1/1/00:1B:DC:44:55:66/s1", cloud.StoredInOrder);
    }

    private static string MeterInSlot0(string address) =>
        "{\"devices\":[{\"slot\":0,\"address\":\"" + address + "\",\"kind\":\"glucose-meter\",\"needsBond\":false}],\"settings\":{}}";

    [Fact]
    public async Task Forward_SlotRepairedWhileReadingsWait_EachReadingKeepsTheDeviceThatTookIt()
    {
        const string oldMeter = "C0:26:DA:01:02:03", newMeter = "C0:26:DA:0F:0F:0F";
        await using var cloud = new FlakyCloud { Down = true };
        await using var host = Start(cloud);
        string secret = host.Units.Add("u1", null);
        host.Units.SetConfig("u1", MeterInSlot0(oldMeter));
        var (unit, _) = await UnitClient.ConnectAsync(host.MqttPort, "u1", secret);
        await using (unit)
        {
            // Held at the hub while the cloud is down...
            Assert.True((await unit.PublishAsync(MqttTopics.Readings("u1"), UplinkFrames.FrameV2(1, UplinkFrames.GlucoseReading(88, "5.4").From(oldMeter)))).IsSuccess);

            // ...then the meter is replaced in slot 0, and a reading the old meter took before that (held in the unit's
            // outbox) arrives after it, with one from the new meter.
            host.Units.SetConfig("u1", MeterInSlot0(newMeter));
            Assert.True((await unit.PublishAsync(MqttTopics.Readings("u1"), UplinkFrames.FrameV2(2,
                UplinkFrames.GlucoseReading(89, "6.1").From(oldMeter), UplinkFrames.GlucoseReading(1, "7.0").From(newMeter)))).IsSuccess);
        }

        cloud.Down = false;

        await Eventually.TrueAsync(() => cloud.StoredInOrder.Count == 3, TimeSpan.FromSeconds(15));
        Assert.Equal(["u1/1/" + oldMeter + "/s88", "u1/2/" + oldMeter + "/s89", "u1/3/" + newMeter + "/s1"], cloud.StoredInOrder);
        Assert.All(host.Readings.Export("u1", null), r => Assert.Equal("glucose-meter", r.DeviceKind));
    }

    [Fact]
    public async Task Forward_VersionOneReading_StillTakesTheDeviceItsSlotHoldsWhenItIsPaired()
    {
        await using var cloud = new FlakyCloud();
        await using var host = Start(cloud);
        string secret = host.Units.Add("u1", null);
        var (unit, _) = await UnitClient.ConnectAsync(host.MqttPort, "u1", secret);
        await using (unit)
        {
            Assert.True((await unit.PublishAsync(MqttTopics.Readings("u1"), UplinkFrames.Frame(1, UplinkFrames.GlucoseReading(88, "5.4")))).IsSuccess);
        }

        await Eventually.TrueAsync(() => host.Readings.Export("u1", null).Any());
        Assert.Null(host.Readings.Export("u1", null).Single().DeviceAddress);
        host.Units.SetConfig("u1", """{"devices":[{"slot":0,"address":"00:1B:DC:44:55:66","kind":"glucose-meter","needsBond":false}],"settings":{}}""");

        await Eventually.TrueAsync(() => cloud.StoredInOrder.Count == 1, TimeSpan.FromSeconds(15));
        Assert.Equal("u1/1/00:1B:DC:44:55:66/s88", cloud.StoredInOrder.Single());
    }
}
