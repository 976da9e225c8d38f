using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json.Serialization;
using Dorset.Telehealth.Cloud.Storage;

namespace Dorset.Telehealth.Cloud.Apis;

/// <summary>The batch request as documented in cloud/README.md; used for the OpenAPI document (the handler validates the raw JSON itself).</summary>
[Description("A batch of readings from one hub gateway. See cloud/README.md \"Batch ingestion contract (v1)\".")]
public sealed record BatchRequestDocument(
    [property: Description("Optional; must equal the authenticated gateway's id.")] string? GatewayId,
    [property: Description("1..MaxBatchReadings readings.")] IReadOnlyList<BatchItemDocument> Readings);

/// <summary>One reading of the request.</summary>
public sealed record BatchItemDocument(
    [property: Description("unitId/outboxSequence/device.address/(s<deviceSequence>|t<deviceTime>|-)")] string Key,
    [property: Description("1..64 of A-Z a-z 0-9 _ -")] string UnitId,
    long OutboxSequence,
    DeviceDocument Device,
    long? DeviceSequence,
    [property: Description("glucose | pulse-oximetry | weight | blood-pressure")] string Kind,
    IReadOnlyList<ValueDocument> Values,
    GlucoseDocument? Glucose,
    [property: Description("control-solution, invalid, questionable, demo, testing, high, low, error-record, implausible, other-user, clock-fault")] IReadOnlyList<string> Flags,
    [property: Description("Device local civil time yyyy-MM-ddTHH:mm:ss, or null")] string? DeviceTime,
    [property: Description("Unit receipt time, UTC with Z, or null")] string? ReceivedAt,
    bool ClockSynchronised,
    [property: Description("Gateway commit time, UTC with Z")] string GatewayReceivedAt,
    string? GatewayNote);

/// <summary>The measuring device.</summary>
public sealed record DeviceDocument(
    [property: Description("Upper-case colon-separated Bluetooth address, e.g. C0:26:DA:01:02:03")] string Address,
    int Slot,
    [property: Description("glucose-meter | pulse-oximeter | weight-scale | blood-pressure-monitor")] string Kind);

/// <summary>One quantity: an exact decimal (string or number) with its unit.</summary>
public sealed record ValueDocument(string Name, [property: Description("Exact decimal, e.g. \"5.4\"")] string Value, string Unit);

/// <summary>Glucose sample details and the meter's context.</summary>
public sealed record GlucoseDocument(string? SampleType, string? SampleLocation, GlucoseContextDocument? Context);

/// <summary>The meter's Glucose Measurement Context (cloud/README.md "glucose.context"); every part optional.</summary>
public sealed record GlucoseContextDocument(
    [property: Description("preprandial | postprandial | fasting | casual | bedtime")] string? Meal,
    [property: Description("self | health-care-professional | lab-test")] string? Tester,
    [property: Description("minor-issues | major-issues | menses | stress | none")] string? Health,
    ExerciseDocument? Exercise,
    [property: Description("type rapid-acting-insulin ... pre-mixed-insulin or null; unit mg or mL")] AmountDocument? Medication,
    [property: Description("type breakfast ... brunch or null; unit g")] AmountDocument? Carbohydrate,
    [property: JsonPropertyName("hba1c"), Description("unit %, 0..100; no type")] AmountDocument? HbA1c);

/// <summary>Exercise before the test.</summary>
public sealed record ExerciseDocument([property: Description("0..65535 s; 65535: at least that long")] int DurationSeconds, [property: Description("0..100 % or null")] int? IntensityPercent);

/// <summary>An amount noted with the test.</summary>
public sealed record AmountDocument(string? Type, [property: Description("Exact decimal >= 0")] string Value, string Unit);

/// <summary>The response: every key of the batch in exactly one list, in request order.</summary>
public sealed record BatchResponse(IReadOnlyList<string> Accepted, IReadOnlyList<string> Duplicate, IReadOnlyList<Rejection> Rejected);
