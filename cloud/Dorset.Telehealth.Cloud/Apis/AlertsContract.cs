using System.Collections.Generic;
using System.ComponentModel;
using Dorset.Telehealth.Cloud.Storage;

namespace Dorset.Telehealth.Cloud.Apis;

/// <summary>The alerts request as documented in cloud/README.md; used for the OpenAPI document (the handler validates the raw JSON itself).</summary>
[Description("A batch of clinical alert revisions from one hub gateway. See cloud/README.md \"Alerts contract (v1)\".")]
public sealed record AlertBatchRequestDocument(
    [property: Description("Optional; must equal the authenticated gateway's id.")] string? GatewayId,
    [property: Description("1..MaxBatchAlerts alert revisions.")] IReadOnlyList<AlertDocument> Alerts);

/// <summary>One alert revision of the request.</summary>
public sealed record AlertDocument(
    [property: Description("Lower-case canonical UUID")] string AlertId,
    [property: Description("1..2147483647, increasing with every change at the gateway")] int Revision,
    [property: Description("^[a-z0-9][a-z0-9-]{0,63}$")] string RuleId,
    [property: Description("1..1000")] int RuleVersion,
    [property: Description("info | amber | red | red-urgent")] string Level,
    [property: Description("open | acknowledged | resolved")] string State,
    [property: Description("1..300 characters")] string Summary,
    string UnitId,
    [property: Description("The hub's case reference, 1..64, informational only")] string? PatientRef,
    [property: Description("UTC with Z")] string FirstBreachAt,
    [property: Description("UTC with Z, not before firstBreachAt")] string LastBreachAt,
    int BreachCount,
    [property: Description("Minutes between the triggering reading and its receipt at the gateway: a late reading, not a current emergency")] int? LateMinutes,
    ValueDocument? Worst,
    [property: Description("0..50 readings by reading key")] IReadOnlyList<AlertReadingDocument> Readings,
    [property: Description("Partial NEWS2, only for ruleId news2-partial")] ScoreDocument? Score,
    AcknowledgementDocument? Acknowledged,
    ResolutionDocument? Resolved);

/// <summary>A reading an alert names.</summary>
public sealed record AlertReadingDocument(string Key, string Name, [property: Description("Exact decimal")] string Value, string Unit);

/// <summary>A partial NEWS2.</summary>
public sealed record ScoreDocument(
    [property: Description("Always true")] bool Partial,
    [property: Description("The sum of the parameter scores")] int Total,
    [property: Description("none | urgent | emergency")] string Escalation,
    IReadOnlyList<ScoreParameterDocument> Parameters);

/// <summary>A scored NEWS2 parameter.</summary>
public sealed record ScoreParameterDocument(
    [property: Description("spo2 | pulse | systolic | oxygen")] string Name,
    [property: Description("1 or 2, spo2 only")] int? Scale,
    [property: Description("0..3")] int Score,
    [property: Description("Exact decimal, or true/false for oxygen")] string Value,
    string? Unit,
    int? AgeMinutes,
    string? ReadingKey);

/// <summary>Who acknowledged the alert.</summary>
public sealed record AcknowledgementDocument(string By, string At, string? Note);

/// <summary>When and why the alert was resolved.</summary>
public sealed record ResolutionDocument(string At, string Reason);

/// <summary>The response: every alertId@revision of the batch in exactly one list, in request order.</summary>
public sealed record AlertBatchResponse(IReadOnlyList<string> Accepted, IReadOnlyList<string> Duplicate, IReadOnlyList<AlertRejection> Rejected);
