using System.Collections.Generic;
using Dorset.Telehealth.HomeUnit.Outbox;
using Dorset.Telehealth.HomeUnit.Readings;

namespace Dorset.Telehealth.HomeUnit.Tests.Simulation;

/// <summary>
/// Commits readings to a real <see cref="ReadingOutbox"/> on simulated flash (payload: slot and device sequence) and
/// keeps the readings the outbox accepted, so session tests see the outbox's real full/drop behaviour.
/// </summary>
public sealed class OutboxSink(int capacity) : IReadingSink
{
    public SimulatedFlash Flash { get; } = new();

    public ReadingOutbox Outbox { get; } = ReadingOutbox.Open(new SimulatedFlash(), capacity);

    public List<DeviceReading> Accepted { get; } = [];

    public OutboxAppendResult Commit(DeviceReading reading)
    {
        byte[] payload = [(byte)reading.Slot, (byte)reading.DeviceSequence, (byte)(reading.DeviceSequence >> 8)];
        OutboxAppendResult result = Outbox.Append(payload, reading.KeptOnDevice, out _);
        if (result is OutboxAppendResult.Committed or OutboxAppendResult.CommittedAfterDroppingOldest)
        {
            Accepted.Add(reading);
        }

        return result;
    }
}
