using System.Collections.Generic;

namespace Dorset.Telehealth.Gateway.Ingest;

/// <summary>
/// One reading of an uplink frame as the gateway stores it: the decoded frame flattened into exact text so that
/// nothing is rounded on the way to the database or the cloud.
/// </summary>
/// <param name="OutboxSequence">The unit's outbox sequence of this reading (frame first sequence + index).</param>
/// <param name="DeviceSlot">The paired-device slot on the unit.</param>
/// <param name="DeviceSequence">The device's own record sequence, when the device has one.</param>
/// <param name="Kind">The reading kind, e.g. "glucose", "spo2", "weight", "blood-pressure".</param>
/// <param name="Values">Exact decimal values with their fixed units (cloud/README.md "Values per kind").</param>
/// <param name="Flags">Status flags in the cloud contract's words ("control-solution", "high", "invalid", ...).</param>
/// <param name="StatusBits">The reading's status bits as sent.</param>
/// <param name="DeviceTime">The device's timestamp (ISO 8601 local time as the device kept it), or null when absent.</param>
/// <param name="UnitReceiptTime">When the unit received it (ISO 8601 UTC), or null when the unit clock was unknown.</param>
/// <param name="ClockSynced">Whether the unit's clock was synchronised when it received the reading.</param>
public sealed record IncomingReading(
    long OutboxSequence,
    int DeviceSlot,
    long? DeviceSequence,
    string Kind,
    IReadOnlyList<ReadingValue> Values,
    IReadOnlyList<string> Flags,
    int StatusBits,
    string? DeviceTime,
    string? UnitReceiptTime,
    bool ClockSynced)
{
    /// <summary>Glucose only: the GLS sample type in the contract's words (e.g. "capillary-whole-blood"), or null.</summary>
    public string? GlucoseSampleType { get; init; }

    /// <summary>Glucose only: the GLS sample location (e.g. "finger"), or null.</summary>
    public string? GlucoseSampleLocation { get; init; }

    /// <summary>
    /// The measuring device's Bluetooth address from a v2 frame: the device the slot held when the reading was taken,
    /// stored with the reading and never looked up again. Null from a v1 frame, whose readings the unit's config names by
    /// slot.
    /// </summary>
    public string? DeviceAddress { get; init; }

    /// <summary>Glucose only, v2: the meter's context for the reading (meal, tester, health, ...), or null.</summary>
    public GlucoseContextReport? GlucoseContext { get; init; }

    /// <summary>Weight only: the scale's user index as sent (255 = the scale did not know the user), or null.</summary>
    public int? ScaleUserId { get; init; }
}

/// <summary>One measured quantity: name, exact decimal text and unit (e.g. "systolic", "120", "mmHg").</summary>
public sealed record ReadingValue(string Name, string Value, string Unit);

/// <summary>Turns a readings payload into readings, or says why it cannot.</summary>
public interface IUplinkFrameDecoder
{
    /// <summary>
    /// Decodes <paramref name="payload"/>. Never throws for malformed input: returns false with a reason that names
    /// the field, and the frame goes to quarantine.
    /// </summary>
    bool TryDecode(byte[] payload, out IReadOnlyList<IncomingReading> readings, out string reason);
}
