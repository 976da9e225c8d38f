using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dorset.Telehealth.Cloud.Ingestion;

/// <summary>The worst value of an alert's episode, exact as the gateway sent it.</summary>
public sealed record AlertQuantity(string Name, string Value, string Unit);

/// <summary>
/// A reading an alert names, by its reading key; the reading itself may not have reached the cloud yet. The value is
/// null for a reading that carries no number, such as a meter's HI or LO result.
/// </summary>
public sealed record AlertReading(string Key, string Name, string? Value, string Unit);

/// <summary>One parameter of a partial NEWS2: its measured value, its score, and how old the reading was.</summary>
/// <param name="Name">spo2, pulse, systolic or oxygen.</param>
/// <param name="Scale">The SpO2 scale (1 or 2) for spo2, else null.</param>
/// <param name="Score">The parameter's NEWS2 score, 0..3.</param>
/// <param name="Value">The measured value (an exact decimal), or "true"/"false" for oxygen.</param>
/// <param name="Unit">The value's unit, null for oxygen.</param>
/// <param name="AgeMinutes">How old the reading was when scored, or null when not from a reading.</param>
/// <param name="ReadingKey">The scored reading's key, or null.</param>
public sealed record ScoreParameter(string Name, int? Scale, int Score, string Value, string? Unit, int? AgeMinutes, string? ReadingKey);

/// <summary>A partial NEWS2 (clinical.md "NEWS2"): only the parameters a home can measure, never a full score.</summary>
public sealed record AlertScore(bool Partial, int Total, string Escalation, IReadOnlyList<ScoreParameter> Parameters);

/// <summary>Who acknowledged the alert at the hub, when, and why.</summary>
public sealed record AlertAcknowledgement(string By, DateTimeOffset At, string? Note);

/// <summary>When and why the alert was resolved.</summary>
public sealed record AlertResolution(DateTimeOffset At, string Reason);

/// <summary>
/// One revision of a clinical alert after validation against cloud/README.md "Alerts contract (v1)": every field
/// checked, so the store and the FHIR layer can trust it.
/// </summary>
public sealed record BatchAlert
{
    /// <summary>The rule whose alerts carry a partial NEWS2 <see cref="Score"/>.</summary>
    public const string News2PartialRule = "news2-partial";

    /// <summary>The alert's id: a lower-case canonical UUID, the same for every revision.</summary>
    public required string AlertId { get; init; }

    /// <summary>The revision, increasing with every change at the gateway.</summary>
    public required int Revision { get; init; }

    /// <summary>The rule that fired.</summary>
    public required string RuleId { get; init; }

    /// <summary>The rule's version.</summary>
    public required int RuleVersion { get; init; }

    /// <summary>info, amber, red or red-urgent.</summary>
    public required string Level { get; init; }

    /// <summary>open, acknowledged or resolved.</summary>
    public required string State { get; init; }

    /// <summary>A readable summary.</summary>
    public required string Summary { get; init; }

    /// <summary>The home unit whose readings raised it.</summary>
    public required string UnitId { get; init; }

    /// <summary>The hub's own case reference: informational, never used to attribute.</summary>
    public string? PatientRef { get; init; }

    /// <summary>The first breach of the episode (UTC); decides the patient.</summary>
    public required DateTimeOffset FirstBreachAt { get; init; }

    /// <summary>The latest breach (UTC).</summary>
    public required DateTimeOffset LastBreachAt { get; init; }

    /// <summary>Breaches in the episode.</summary>
    public required int BreachCount { get; init; }

    /// <summary>When set, the triggering reading was taken this long before the gateway received it: a late reading, not a current emergency.</summary>
    public int? LateMinutes { get; init; }

    /// <summary>The worst value, or null.</summary>
    public AlertQuantity? Worst { get; init; }

    /// <summary>The readings the alert names.</summary>
    public required IReadOnlyList<AlertReading> Readings { get; init; }

    /// <summary>The partial NEWS2, for <see cref="News2PartialRule"/> only.</summary>
    public AlertScore? Score { get; init; }

    /// <summary>The acknowledgement, or null.</summary>
    public AlertAcknowledgement? Acknowledged { get; init; }

    /// <summary>The resolution, or null.</summary>
    public AlertResolution? Resolved { get; init; }

    /// <summary>"alertId@revision", as the response lists it.</summary>
    [JsonIgnore]
    public string Identity => $"{AlertId}@{Revision.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The alert as the JSON the store keeps: one canonical form (property order and spelling fixed by this type, not
    /// by the sender), so it doubles as the input of <see cref="ContentHash"/>.
    /// </summary>
    public string ToStoredJson() => JsonSerializer.Serialize(this, s_json);

    /// <summary>The alert stored by <see cref="ToStoredJson"/>.</summary>
    public static BatchAlert FromStoredJson(string json) =>
        JsonSerializer.Deserialize<BatchAlert>(json, s_json) ?? throw new InvalidOperationException("stored alert is null");

    /// <summary>
    /// A SHA-256 over every field: the same revision sent twice hashes equal; a different alert under the same
    /// (alertId, revision) does not (reported as a conflict).
    /// </summary>
    public string ContentHash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToStoredJson())));
}
