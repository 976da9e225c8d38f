using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Serialization;
using System;
using Dorset.Telehealth.Gateway.Ingest;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Protocol.Contract;

namespace Dorset.Telehealth.Gateway.Forwarding;

/// <summary>
/// The JSON of `POST /api/v1/readings/batch` as cloud/README.md "Batch ingestion contract (v1)" defines it. The gateway
/// and the cloud share only this documented contract, never code.
/// </summary>
public static class CloudBatchContract
{
    /// <summary>The path below the cloud's base URL.</summary>
    public const string BatchPath = "api/v1/readings/batch";

    /// <summary>
    /// The most readings a batch may hold at a cloud on its defaults (cloud/README.md: `readings`, 1..`MaxBatchReadings`,
    /// default 5000). A cloud configured lower answers a larger batch 413 and the forwarder halves it.
    /// </summary>
    public const int MaxReadings = 5000;

    /// <summary>The "implausible" flag (cloud/README.md "flags").</summary>
    public const string ImplausibleFlag = ReadingFlagNames.Implausible;

    /// <summary>
    /// The reading key (cloud/README.md "The reading key"):
    /// unitId "/" outboxSequence "/" device.address "/" ("s" deviceSequence | "t" deviceTime | "-").
    /// Null when the device address is unknown (the unit config names no device in that slot).
    /// </summary>
    public static string? KeyOf(ExportedReading r) =>
        r.DeviceAddress == null ? null : KeyOf(r.Unit, r.OutboxSequence, r.DeviceAddress, r.DeviceSequence, r.DeviceTime);

    /// <summary>The reading key from its parts (see <see cref="KeyOf(ExportedReading)"/>).</summary>
    public static string KeyOf(string unitId, long outboxSequence, string deviceAddress, long? deviceSequence, string? deviceTime)
    {
        string device = deviceSequence.HasValue
            ? "s" + deviceSequence.Value.ToString(CultureInfo.InvariantCulture)
            : deviceTime != null ? "t" + deviceTime : "-";
        return string.Create(CultureInfo.InvariantCulture, $"{unitId}/{outboxSequence}/{deviceAddress}/{device}");
    }

    /// <summary>The device kind the contract pairs with a reading kind.</summary>
    public static string DeviceKindOf(string readingKind) => DeviceKindNames.OfReadingKindName(readingKind) ?? readingKind;

    /// <summary>One reading as the cloud receives it; null when it cannot be sent yet (no device address).</summary>
    public static BatchItem? ToItem(ExportedReading r)
    {
        string? key = KeyOf(r);
        if (key == null)
        {
            return null;
        }

        var flags = new List<string>(r.Flags);
        if (r.Implausible != null && !flags.Contains(ImplausibleFlag))
        {
            flags.Add(ImplausibleFlag);
        }

        string? note = r.Implausible;
        if (note != null && note.Length > 500)
        {
            note = note[..500];
        }

        return new BatchItem(
            key,
            r.Unit,
            r.OutboxSequence,
            new BatchDevice(r.DeviceAddress!, r.DeviceSlot, DeviceKindOf(r.Kind)),
            r.DeviceSequence,
            r.Kind,
            r.Values,
            r.Kind == "glucose" && (r.GlucoseSampleType != null || r.GlucoseSampleLocation != null || r.GlucoseContext != null)
                ? new BatchGlucose(r.GlucoseSampleType, r.GlucoseSampleLocation) { Context = r.GlucoseContext }
                : null,
            flags,
            r.DeviceTime,
            r.UnitReceiptTime,
            r.ClockSynced,
            r.ReceivedUtc,
            note);
    }

    /// <summary>The request body.</summary>
    public sealed record BatchRequest(string GatewayId, IReadOnlyList<BatchItem> Readings);

    /// <summary>One reading.</summary>
    public sealed record BatchItem(
        string Key,
        string UnitId,
        long OutboxSequence,
        BatchDevice Device,
        long? DeviceSequence,
        string Kind,
        IReadOnlyList<ReadingValue> Values,
        BatchGlucose? Glucose,
        IReadOnlyList<string> Flags,
        string? DeviceTime,
        string? ReceivedAt,
        bool ClockSynchronised,
        string GatewayReceivedAt,
        string? GatewayNote);

    /// <summary>The measuring device.</summary>
    public sealed record BatchDevice(string Address, int Slot, string Kind);

    /// <summary>Glucose sample type and location, and the meter's context (cloud/README.md "glucose.context").</summary>
    public sealed record BatchGlucose(string? SampleType, string? SampleLocation)
    {
        /// <summary>What the meter said of the reading's circumstances, or null (omitted then, as before the context existed).</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public GlucoseContextReport? Context { get; init; }
    }

    /// <summary>The 200 response: every key of the batch is in exactly one list.</summary>
    public sealed record BatchResponse(IReadOnlyList<string>? Accepted, IReadOnlyList<string>? Duplicate, IReadOnlyList<Rejection>? Rejected);

    /// <summary>A key the cloud refused, with a reason that starts with a fixed code.</summary>
    public sealed record Rejection(string Key, string Reason);

    /// <summary>The 400 problem details: which item failed and why.</summary>
    public sealed record Problem(string? Title, string? Detail, int? Index, string? Key, string? Field);
}

/// <summary>Source-generated JSON for the cloud contract (camelCase).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(CloudBatchContract.BatchRequest))]
[JsonSerializable(typeof(CloudBatchContract.BatchResponse))]
[JsonSerializable(typeof(CloudBatchContract.Problem))]
public sealed partial class CloudJson : JsonSerializerContext
{
}
