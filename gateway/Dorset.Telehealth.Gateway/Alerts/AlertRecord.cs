using System;
using System.Collections.Generic;

namespace Dorset.Telehealth.Gateway.Alerts;

/// <summary>
/// One alert episode as the hub keeps it (issue 10 §2): which rule fired for which unit and patient, on which readings,
/// how often and how badly, and where it stands: open, acknowledged (who, when, note) or resolved (when, why). Every
/// change raises <see cref="Revision"/>, which is what the cloud deduplicates on.
/// </summary>
public sealed record AlertRecord(
    string Id,
    int Revision,
    string RuleId,
    int RuleVersion,
    string EpisodeKey,
    string Level,
    string State,
    string UnitId,
    string? PatientRef,
    string Summary,
    DateTimeOffset FirstBreachUtc,
    DateTimeOffset LastBreachUtc,
    int BreachCount,
    AlertValue? Worst,
    IReadOnlyList<AlertEvidence> Evidence,
    AlertScore? Score,
    int? LateMinutes,
    DateTimeOffset RaisedUtc,
    DateTimeOffset UpdatedUtc,
    AlertAcknowledgement? Acknowledged,
    AlertResolution? Resolved,
    AlertSilence? Silenced)
{
    /// <summary>open.</summary>
    public const string Open = "open";

    /// <summary>acknowledged.</summary>
    public const string AcknowledgedState = "acknowledged";

    /// <summary>resolved.</summary>
    public const string ResolvedState = "resolved";

    /// <summary>The states in lifecycle order.</summary>
    public static readonly IReadOnlyList<string> States = new[] { Open, AcknowledgedState, ResolvedState };
}

/// <summary>A value with its unit, e.g. 91 %.</summary>
public sealed record AlertValue(string Name, string Value, string Unit);

/// <summary>A triggering reading: the hub's row id, the cloud's reading key when the device address is known, the value, when taken.</summary>
public sealed record AlertEvidence(long ReadingId, string? ReadingKey, string Name, string Value, string Unit, DateTimeOffset TakenUtc);

/// <summary>The partial NEWS2 behind a news2-partial alert.</summary>
public sealed record AlertScore(bool Partial, int Total, int Spo2Scale, string Escalation, IReadOnlyList<AlertScoreParameter> Parameters);

/// <summary>One parameter of <see cref="AlertScore"/>; the reading is null for the oxygen setting.</summary>
public sealed record AlertScoreParameter(string Name, int Score, string Value, string? Unit, long? ReadingId, string? ReadingKey, int AgeMinutes);

/// <summary>Who acknowledged, when, and what they noted.</summary>
public sealed record AlertAcknowledgement(string By, DateTimeOffset AtUtc, string? Note);

/// <summary>When the condition cleared and why.</summary>
public sealed record AlertResolution(DateTimeOffset AtUtc, string Reason);

/// <summary>Who silenced the buzzer for this alert (the front-panel button is "button") and when.</summary>
public sealed record AlertSilence(string By, DateTimeOffset AtUtc);
