using System.Collections.Generic;
using Dorset.Telehealth.HomeUnit.Outbox;
using Dorset.Telehealth.HomeUnit.Readings;
using Dorset.Telehealth.HomeUnit.Tests.Simulation;
using Dorset.Telehealth.HomeUnit.Uplink;
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

    private static (ReadingOutbox Outbox, UplinkPublisher Publisher, ScriptedBroker Broker) Create(int readings)
    {
        var outbox = ReadingOutbox.Open(new SimulatedFlash(), 100);
        var sink = new OutboxReadingSink(outbox);
        for (int i = 1; i <= readings; i++)
        {
            sink.Commit(new DeviceReading
            {
                Slot = 0, DeviceSequence = i, DeviceTime = new DeviceTime(2026, 11, 24, 7, i, 0), ReceivedAt = new System.DateTime(2026, 11, 24, 8, 0, 0), ClockSynchronised = true,
                KeptOnDevice = true, Measurement = new GlucoseMeasurement { Sequence = i, BaseTime = new DeviceTime(2026, 11, 24, 7, i, 0), HasConcentration = true, Concentration = new MedicalFloat(100 + i, -5), Type = 1, Location = 1 },
            });
        }

        var broker = new ScriptedBroker();
        var publisher = new UplinkPublisher(outbox, broker, "unit-0001");
        broker.Acknowledged += publisher.OnAcknowledged;
        return (outbox, publisher, broker);
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
}
