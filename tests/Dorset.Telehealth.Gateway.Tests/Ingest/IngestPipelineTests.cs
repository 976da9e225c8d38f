using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Diagnostics;
using Dorset.Telehealth.Gateway.Ingest;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Dorset.Telehealth.Gateway.Tests.Ingest;

/// <summary>
/// Real MQTT clients through the real broker into SQLite, with real uplink frames decoded by the Protocol library.
/// </summary>
public sealed class IngestPipelineTests
{
    private static GatewayHost Start() => new();

    [Fact]
    public async Task Publish_DecodableFrame_IsStoredBeforePuback()
    {
        await using var host = Start();
        string secret = host.Units.Add("unit-a", null);
        var (client, _) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", secret);
        await using var __ = client;

        var result = await client.PublishAsync(MqttTopics.Readings("unit-a"), UplinkFrames.Frame(
            1, UplinkFrames.GlucoseReading(88, "5.4"), UplinkFrames.OximetryReading(97, 72)));

        Assert.True(result.IsSuccess);
        // No waiting: the PUBACK itself says the rows are committed.
        var stored = host.Readings.Export("unit-a", null).ToList();
        Assert.Equal(new long[] { 1, 2 }, stored.Select(r => r.OutboxSequence));
        Assert.Equal("5.4", stored[0].Values[0].Value);
        Assert.Equal(new[] { "spo2", "pulse" }, stored[1].Values.Select(v => v.Name));
        Assert.Equal(2, host.Services.GetRequiredService<GatewayMetrics>().ReadingsIngested);
    }

    [Fact]
    public async Task Publish_SameFrameTwice_IsAcknowledgedAndStoredOnce()
    {
        await using var host = Start();
        string secret = host.Units.Add("unit-a", null);
        var (client, _) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", secret);
        await using var __ = client;

        var first = await client.PublishAsync(MqttTopics.Readings("unit-a"), UplinkFrames.Glucose(1, 88));
        var again = await client.PublishAsync(MqttTopics.Readings("unit-a"), UplinkFrames.Glucose(1, 88));
        var refetched = await client.PublishAsync(MqttTopics.Readings("unit-a"), UplinkFrames.Glucose(9, 88));

        Assert.True(first.IsSuccess && again.IsSuccess && refetched.IsSuccess);
        Assert.Equal(1, host.Readings.Count());
        Assert.Equal(2, host.Services.GetRequiredService<GatewayMetrics>().Duplicates);
    }

    [Fact]
    public async Task Publish_ResetMeterReusingARecordNumber_IsStored_WhileARepeatOfTheSameRecordIsNot()
    {
        await using var host = Start();
        string secret = host.Units.Add("unit-a", null);
        var (client, _) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", secret);
        await using var __ = client;
        var before = new Dorset.Telehealth.Protocol.Time.DeviceTime(2026, 11, 20, 8, 0, 0);
        var afterReset = new Dorset.Telehealth.Protocol.Time.DeviceTime(2026, 11, 24, 8, 0, 0);

        await client.PublishAsync(MqttTopics.Readings("unit-a"), UplinkFrames.Frame(1, UplinkFrames.GlucoseReading(5, "5.1", deviceTime: before)));
        await client.PublishAsync(MqttTopics.Readings("unit-a"), UplinkFrames.Frame(2, UplinkFrames.GlucoseReading(5, "9.9", deviceTime: afterReset)));
        await client.PublishAsync(MqttTopics.Readings("unit-a"), UplinkFrames.Frame(3, UplinkFrames.GlucoseReading(5, "5.1", deviceTime: before)));

        Assert.Equal(new[] { "5.1", "9.9" }, host.Readings.Export("unit-a", null).Select(r => r.Values[0].Value));
        Assert.Equal(1, host.Services.GetRequiredService<GatewayMetrics>().Duplicates);
    }

    [Fact]
    public async Task Publish_APushDevicesMeasurementSentAgainUnderANewOutboxSequence_IsStoredOnce()
    {
        // A scale numbers no records: killed between its outbox commit and the scale's confirm, the unit takes the
        // re-offered weighing as new and sends it under the next outbox sequence (found by the chaos run).
        await using var host = Start();
        string secret = host.Units.Add("unit-a", null);
        var (client, _) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", secret);
        await using var __ = client;

        await client.PublishAsync(MqttTopics.Readings("unit-a"), UplinkFrames.Frame(1, UplinkFrames.WeightReading("82.4", null)));
        var again = await client.PublishAsync(MqttTopics.Readings("unit-a"), UplinkFrames.Frame(2, UplinkFrames.WeightReading("82.4", null)));
        await client.PublishAsync(MqttTopics.Readings("unit-a"), UplinkFrames.Frame(3, UplinkFrames.WeightReading("82.6", null)));

        Assert.True(again.IsSuccess);
        Assert.Equal(new long[] { 1, 3 }, host.Readings.Export("unit-a", null).Select(r => r.OutboxSequence));
        Assert.Equal(1, host.Services.GetRequiredService<GatewayMetrics>().Duplicates);
    }

    [Fact]
    public async Task Publish_TwoEqualMeasurementsWithoutADeviceTime_AreBothStored()
    {
        // Without a device time nothing tells a re-offer from a second reading with the same values: both are kept.
        await using var host = Start();
        string secret = host.Units.Add("unit-a", null);
        var (client, _) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", secret);
        await using var __ = client;

        await client.PublishAsync(MqttTopics.Readings("unit-a"), UplinkFrames.Frame(1, UplinkFrames.OximetryReading(97, 72)));
        await client.PublishAsync(MqttTopics.Readings("unit-a"), UplinkFrames.Frame(2, UplinkFrames.OximetryReading(97, 72)));

        Assert.Equal(2, host.Readings.Count());
    }

    [Fact]
    public async Task Publish_UndecodableFrame_IsQuarantinedAcknowledgedAndCounted()
    {
        await using var host = Start();
        string secret = host.Units.Add("unit-a", null);
        var (client, _) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", secret);
        await using var __ = client;
        byte[] frame = { 0xff, 0xfe, 0x00, 0x13 };

        var result = await client.PublishAsync(MqttTopics.Readings("unit-a"), frame);

        Assert.True(result.IsSuccess);
        Assert.Equal(0, host.Readings.Count());
        var quarantined = host.Readings.Quarantine(10).Single();
        Assert.Equal("fffe0013", quarantined.PayloadHex);
        Assert.Equal("frame need 11 bytes, got 4", quarantined.Reason);
        Assert.Equal(1, host.Services.GetRequiredService<GatewayMetrics>().Quarantined);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Publish_ImplausibleValue_IsStoredFlaggedAndRaisesNoAlert()
    {
        await using var host = Start();
        string secret = host.Units.Add("unit-a", null);
        var (client, _) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", secret);
        await using var __ = client;

        await client.PublishAsync(MqttTopics.Readings("unit-a"), UplinkFrames.Frame(1, UplinkFrames.OximetryReading(130, 72)));

        var reading = host.Readings.Export("unit-a", null).Single();
        Assert.Contains("spo2 130 %", reading.Implausible, StringComparison.Ordinal);
        Assert.Empty(host.Services.GetRequiredService<Dorset.Telehealth.Gateway.Alerts.AlertStore>().List(null, null, null));
        Assert.False(host.Services.GetRequiredService<GatewayAlarms>().RedAlertUnacknowledged);
    }

    [Fact]
    public async Task UnitKilledAndRestarted_ResendsOutbox_EveryReadingStoredOnce()
    {
        await using var host = Start();
        string secret = host.Units.Add("unit-a", null);
        var frames = Enumerable.Range(1, 40).Select(i => UplinkFrames.Glucose(i, 1000 + i)).ToList();

        // First life: everything in flight at once, then the unit dies before all PUBACKs arrive.
        var (first, _) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", secret);
        var inFlight = frames.Select(f => first.PublishAsync(MqttTopics.Readings("unit-a"), f)).ToList();
        await Task.WhenAny(inFlight);
        first.Client.Dispose();
        await Task.WhenAll(inFlight.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));

        // Second life: the outbox still holds every frame it never saw acknowledged (here: all of them).
        var (second, _) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", secret);
        await using var __ = second;
        foreach (byte[] frame in frames)
        {
            Assert.True((await second.PublishAsync(MqttTopics.Readings("unit-a"), frame)).IsSuccess);
        }

        var stored = host.Readings.Export("unit-a", null).Select(r => r.OutboxSequence).ToList();
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), stored.OrderBy(s => s));
    }

    [Fact]
    public async Task Publish_ManyUnitsConcurrently_AllStoredWithFewerCommitsThanFrames()
    {
        await using var host = Start();
        var units = Enumerable.Range(0, 20).Select(i => $"unit-{i}").ToList();
        var clients = new List<UnitClient>();
        foreach (string u in units)
        {
            clients.Add((await UnitClient.ConnectAsync(host.MqttPort, u, host.Units.Add(u, null))).Client);
        }

        await Task.WhenAll(clients.Select((c, i) => Task.Run(async () =>
        {
            for (int f = 1; f <= 15; f++)
            {
                Assert.True((await c.PublishAsync(MqttTopics.Readings(units[i]), UplinkFrames.Glucose(f, f))).IsSuccess);
            }
        })));

        Assert.Equal(300, host.Readings.Count());
        Assert.True(host.Services.GetRequiredService<GroupCommitWriter>().Commits < 300);
        foreach (var c in clients)
        {
            await c.DisposeAsync();
        }
    }

    [Fact]
    public async Task Publish_ReadingOfPairedSlot_CarriesTheDeviceAddress()
    {
        await using var host = Start();
        string secret = host.Units.Add("unit-a", null);
        host.Units.SetConfig("unit-a", """{"devices":[{"slot":0,"address":"C0:26:DA:01:02:03","kind":"glucose-meter","needsBond":true}],"settings":{}}""");
        var (client, _) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", secret);
        await using var __ = client;

        await client.PublishAsync(MqttTopics.Readings("unit-a"), UplinkFrames.Glucose(1, 7));

        var reading = host.Readings.Export("unit-a", null).Single();
        Assert.Equal("C0:26:DA:01:02:03", reading.DeviceAddress);
        Assert.Equal("glucose-meter", reading.DeviceKind);
    }

    [Theory]
    [InlineData(1, false, false)]
    [InlineData(1, false, true)]
    [InlineData(2, true, false)]
    [InlineData(2, true, true)]
    [InlineData(255, true, true)]
    [InlineData(null, true, false)]
    public async Task Publish_WeightFromASharedScale_IsTheOtherUsersUnlessItIsThePatientsUserIndex(int? userId, bool otherUser, bool frameV2)
    {
        await using var host = Start();
        string secret = host.Units.Add("unit-a", null);
        host.Units.SetConfig("unit-a", """{"devices":[{"slot":2,"address":"D4:36:39:AA:BB:CC","kind":"weight-scale","needsBond":false,"scaleUser":1}],"settings":{}}""");
        var (client, _) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", secret);
        await using var __ = client;

        // A v2 reading names its scale, whose recorded user is then found by address; a v1 one by its slot.
        byte[] frame = frameV2
            ? UplinkFrames.FrameV2(1, UplinkFrames.WeightReading("95.1", userId).From("D4:36:39:AA:BB:CC"))
            : UplinkFrames.Frame(1, UplinkFrames.WeightReading("95.1", userId));
        await client.PublishAsync(MqttTopics.Readings("unit-a"), frame);

        // Stored either way (nothing is dropped); only the flag decides whose it is downstream.
        var reading = host.Readings.Export("unit-a", null).Single();
        Assert.Equal("95.1", reading.Values[0].Value);
        Assert.Equal(otherUser, reading.Flags.Contains(SharedScaleAttribution.OtherUserFlag));
    }

    [Fact]
    public async Task Publish_WeightFromAScaleWithoutARecordedUser_IsThePatients()
    {
        await using var host = Start();
        string secret = host.Units.Add("unit-a", null);
        host.Units.SetConfig("unit-a", """{"devices":[{"slot":2,"address":"D4:36:39:AA:BB:CC","kind":"weight-scale","needsBond":false}],"settings":{}}""");
        var (client, _) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", secret);
        await using var __ = client;

        await client.PublishAsync(MqttTopics.Readings("unit-a"), UplinkFrames.Frame(1, UplinkFrames.WeightReading("82.4", 3)));

        Assert.Empty(host.Readings.Export("unit-a", null).Single().Flags);
    }
}
