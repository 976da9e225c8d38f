using System.Collections.Generic;
using System.Linq;
using Dorset.Telehealth.HomeUnit.Outbox;
using Dorset.Telehealth.HomeUnit.Readings;
using Dorset.Telehealth.HomeUnit.Tests.Simulation;
using Dorset.Telehealth.HomeUnit.Uplink;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Glucose;
using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.Time;
using Dorset.Telehealth.Protocol.Uplink;

namespace Dorset.Telehealth.HomeUnit.Tests.Uplink;

/// <summary>The publisher against a scripted broker boundary (the MQTT round trip itself is covered with mosquitto).</summary>
public sealed class UplinkPublisherTests
{
    private sealed class ScriptedBroker : IUplinkClient
    {
        public bool AckInsidePublish { get; set; }

        public bool IsConnected { get; set; } = true;

        public List<(int Id, byte[] Payload)> Published { get; } = [];

        public event PublishAcknowledgedHandler? Acknowledged;

        public event ConfigReceivedHandler? ConfigReceived;

        public bool Connect(string unitId, string secret, string willTopic, byte[] willPayload, string configTopic)
        {
            ConfigReceived?.Invoke([]);
            return true;
        }

        public int Publish(string topic, byte[] payload, bool retain)
        {
            int id = Published.Count + 1;
            Published.Add((id, payload));
            if (AckInsidePublish)
            {
                Acknowledged?.Invoke(id);
            }

            return id;
        }

        public void Ack(int id) => Acknowledged?.Invoke(id);

        public void Disconnect()
        {
        }
    }

    private sealed record Unit(ReadingOutbox Outbox, UplinkPublisher Publisher, ScriptedBroker Broker, OutboxReadingSink Sink, DeadLetterFile DeadLetters, SimulatedFlash Flash);

    private static DeviceReading Glucose(int sequence) => new()
    {
        Slot = 0, Address = "C0:26:DA:01:02:03", DeviceSequence = sequence, DeviceTime = new DeviceTime(2026, 11, 24, 7, sequence % 60, 0),
        ReceivedAt = new System.DateTime(2026, 11, 24, 8, 0, 0), ClockSynchronised = true, KeptOnDevice = true,
        Measurement = new GlucoseMeasurement { Sequence = sequence, BaseTime = new DeviceTime(2026, 11, 24, 7, sequence % 60, 0), HasConcentration = true, Concentration = new MedicalFloat(100 + sequence, -5), Type = 1, Location = 1 },
    };

    private static Unit Start(SimulatedFlash? flash = null)
    {
        flash ??= new SimulatedFlash();
        var outbox = ReadingOutbox.Open(flash, 100);
        var deadLetters = DeadLetterFile.Open(flash);
        var broker = new ScriptedBroker();
        var publisher = new UplinkPublisher(outbox, broker, deadLetters, "unit-0001");
        broker.Acknowledged += publisher.OnAcknowledged;
        return new Unit(outbox, publisher, broker, new OutboxReadingSink(outbox, deadLetters), deadLetters, flash);
    }

    private static (ReadingOutbox Outbox, UplinkPublisher Publisher, ScriptedBroker Broker) Create(int readings)
    {
        Unit unit = Start();
        for (int i = 1; i <= readings; i++)
        {
            unit.Sink.Commit(Glucose(i));
        }

        return (unit.Outbox, unit.Publisher, unit.Broker);
    }

    private static UplinkFrame Sent(ScriptedBroker broker, int index)
    {
        byte[] frame = broker.Published[index].Payload;
        Assert.True(UplinkFrameDecoder.TryDecode(frame, 0, frame.Length, out UplinkFrame decoded, out DecodeFailure failure), failure?.Message);
        return decoded;
    }

    [Fact]
    public void Frame_CarriesTheOutboxRun_AndReadingsLeaveOnlyOnPuback()
    {
        var (outbox, publisher, broker) = Create(20);

        Assert.True(publisher.PublishNext());
        Assert.False(publisher.PublishNext());

        byte[] frame = broker.Published[0].Payload;
        Assert.True(UplinkFrameDecoder.TryDecode(frame, 0, frame.Length, out UplinkFrame decoded, out _));
        Assert.Equal((1u, UplinkPublisher.MaxReadingsPerFrame), (decoded.FirstSequence, decoded.Readings.Length));
        Assert.Equal(20, outbox.Count);
        broker.Ack(1);
        Assert.Equal(20 - UplinkPublisher.MaxReadingsPerFrame, outbox.Count);
    }

    [Fact]
    public void LostConnection_SendsTheSameReadingsAgain_UnderTheSameSequences_AndCountsTheResend()
    {
        var (outbox, publisher, broker) = Create(3);
        publisher.PublishNext();

        publisher.OnConnectionLost();
        publisher.PublishNext();

        Assert.Equal(broker.Published[0].Payload, broker.Published[1].Payload);
        Assert.Equal(3, publisher.Resent);
        broker.Ack(2);
        Assert.Equal(0, outbox.Count);
    }

    [Fact]
    public void PubackReportedBeforePublishReturns_IsStillMatched()
    {
        var (outbox, publisher, broker) = Create(3);
        broker.AckInsidePublish = true;

        Assert.True(publisher.PublishNext());

        Assert.Equal(0, outbox.Count);
        Assert.False(publisher.HasFrameInFlight);
    }

    [Fact]
    public void Frame_IsVersionTwo_AndEachReadingCarriesItsMetersAddress()
    {
        var (_, publisher, broker) = Create(3);

        publisher.PublishNext();

        UplinkFrame frame = Sent(broker, 0);
        Assert.Equal(UplinkFrame.CurrentVersion, frame.Version);
        Assert.All(frame.Readings, r => Assert.Equal(("C0:26:DA:01:02:03", false), (r.DeviceAddress, r.RandomAddress)));
    }

    [Fact]
    public void StoredFrameThatDoesNotDecode_AtTheHead_IsDeadLettered_AndTheReadingsBehindItGoInTheSameTurn()
    {
        Unit unit = Start();
        unit.Outbox.Append([0x09, 0x01, 0x02], deviceKeepsRecords: false, out uint poison);
        unit.Sink.Commit(Glucose(1));
        unit.Sink.Commit(Glucose(2));

        Assert.True(unit.Publisher.PublishNext());

        UplinkFrame frame = Sent(unit.Broker, 0);
        Assert.Equal((poison + 1, 2), (frame.FirstSequence, frame.Readings.Length));
        Assert.Equal(1, unit.DeadLetters.Count);
        Assert.Equal(1, DeadLetterFile.Open(unit.Flash).Count);
        Assert.Equal(2, unit.Outbox.Count);
        unit.Broker.Ack(1);
        Assert.Equal(0, unit.Outbox.Count);
        Assert.Equal(0, ReadingOutbox.Open(unit.Flash, 100).Count);
    }

    [Fact]
    public void StoredFrameThatDoesNotDecode_BehindGoodOnes_EndsTheirFrame_ThenIsDeadLettered_AndTheRestFollow()
    {
        Unit unit = Start();
        unit.Sink.Commit(Glucose(1));
        unit.Sink.Commit(Glucose(2));
        unit.Outbox.Append([0x01, 0xFF], deviceKeepsRecords: false, out uint poison);
        unit.Sink.Commit(Glucose(3));

        unit.Publisher.PublishNext();
        unit.Broker.Ack(1);
        unit.Publisher.PublishNext();
        unit.Broker.Ack(2);

        Assert.Equal([1, 2], Sent(unit.Broker, 0).Readings.Select(r => r.DeviceSequence));
        Assert.Equal((poison + 1, 3), (Sent(unit.Broker, 1).FirstSequence, Sent(unit.Broker, 1).Readings.Single().DeviceSequence));
        Assert.Equal((1, 0), (unit.DeadLetters.Count, unit.Outbox.Count));
    }

    [Fact]
    public void PowerCutAfterTheLetterBeforeTheRemoval_RemovesItOnTheNextBoot_WithoutASecondLetter()
    {
        Unit unit = Start();
        unit.Outbox.Append([0x09], deviceKeepsRecords: false, out uint poison);
        unit.DeadLetters.Add(poison, [0x09], "written just before the power cut");

        Unit rebooted = Start(unit.Flash);
        rebooted.Sink.Commit(Glucose(1));
        rebooted.Publisher.PublishNext();

        Assert.Equal(1, rebooted.DeadLetters.Count);
        Assert.Equal(poison + 1, Sent(rebooted.Broker, 0).FirstSequence);
    }

    [Fact]
    public void ReadingsStoredAsVersionOneBeforeAnUpdate_GoAsAVersionOneFrame_AndTheNewOnesAsVersionTwo()
    {
        Unit unit = Start();
        UplinkReading old = UplinkReadingFactory.Create(Glucose(1));
        old.DeviceAddress = null;
        unit.Outbox.Append(UplinkFrameEncoder.Encode(new UplinkFrame { Version = UplinkFrame.FirstVersion, Readings = [old] }), true, out _);
        unit.Sink.Commit(Glucose(2));

        unit.Publisher.PublishNext();
        unit.Broker.Ack(1);
        unit.Publisher.PublishNext();

        Assert.Equal((UplinkFrame.FirstVersion, 1), (Sent(unit.Broker, 0).Version, Sent(unit.Broker, 0).Readings.Single().DeviceSequence));
        Assert.Equal((UplinkFrame.CurrentVersion, 2), (Sent(unit.Broker, 1).Version, Sent(unit.Broker, 1).Readings.Single().DeviceSequence));
        Assert.Equal(0, unit.DeadLetters.Count);
    }

    [Fact]
    public void AReadingThatCannotBeEncoded_IsDeadLetteredAtCommit_WithTheReason_AndTheNextOneIsCommitted()
    {
        Unit unit = Start();
        DeviceReading unaddressed = Glucose(1);
        unaddressed.Address = null;

        Assert.Equal(OutboxAppendResult.DeadLettered, unit.Sink.Commit(unaddressed));
        Assert.Equal(OutboxAppendResult.Committed, unit.Sink.Commit(Glucose(2)));

        Assert.Equal((1, 1), (unit.DeadLetters.Count, unit.Outbox.Count));
        string letters = System.Text.Encoding.UTF8.GetString(unit.Flash.ReadAll(DeadLetterFile.FileName)!);
        Assert.Contains("record 1: a v2 reading needs its device's address", letters, System.StringComparison.Ordinal);
    }
}
