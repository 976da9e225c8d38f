using System;
using System.Collections.Generic;
using Dorset.Telehealth.Cloud.Ingestion;

namespace Dorset.Telehealth.Cloud.Storage;

/// <summary>An authenticated, unrevoked gateway.</summary>
/// <param name="Id">The gateway id.</param>
/// <param name="Hub">The hub the gateway serves.</param>
public sealed record GatewayIdentity(string Id, string Hub);

/// <summary>A gateway as listed by the CLI.</summary>
public sealed record GatewayRecord(string Id, string Hub, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A registered patient.</summary>
public sealed record PatientRecord(string NhsNumber, string Name);

/// <summary>A reading the store refused, with a reason that starts with a fixed code (cloud/README.md "Response").</summary>
public sealed record Rejection(string Key, string Reason);

/// <summary>The outcome of a batch: every key in exactly one list, in request order.</summary>
/// <param name="Accepted">Stored now.</param>
/// <param name="Duplicate">Stored before with the same content.</param>
/// <param name="Rejected">Not stored, with reasons.</param>
/// <param name="UnassignedAccepted">How many accepted readings had no patient at their time.</param>
public sealed record IngestResult(IReadOnlyList<string> Accepted, IReadOnlyList<string> Duplicate, IReadOnlyList<Rejection> Rejected, int UnassignedAccepted);

/// <summary>The result of `units assign`.</summary>
/// <param name="AssignmentId">The new assignment's id.</param>
/// <param name="ClosedPatient">The patient whose open assignment was closed at the new start, if any.</param>
/// <param name="Reattributed">Unassigned readings now attributed to the patient.</param>
/// <param name="ReattributedAlerts">Unassigned alert revisions now attributed to the patient.</param>
public sealed record AssignResult(long AssignmentId, string? ClosedPatient, int Reattributed, int ReattributedAlerts);

/// <summary>A stored reading with what the cloud added to it.</summary>
/// <param name="Id">The row number: the storage order, never served.</param>
/// <param name="FhirId">The Observation id it is served under (<see cref="ObservationIds"/>).</param>
/// <param name="Reading">The reading as validated.</param>
/// <param name="GatewayId">The gateway that sent it.</param>
/// <param name="Hub">That gateway's hub.</param>
/// <param name="PatientNhs">The patient it is attributed to, or null (unassigned: never served).</param>
/// <param name="EffectiveTime">When it was taken, as served.</param>
/// <param name="EffectiveSource">Which clock that time comes from.</param>
/// <param name="StoredAt">When the cloud stored it.</param>
public sealed record StoredReading(
    long Id,
    string FhirId,
    BatchReading Reading,
    string GatewayId,
    string Hub,
    string? PatientNhs,
    DateTimeOffset EffectiveTime,
    EffectiveTimeSource EffectiveSource,
    DateTimeOffset StoredAt);

/// <summary>A measuring device as seen in readings.</summary>
public sealed record DeviceRecord(string Address, string Kind, string LastUnitId, string LastGatewayId, DateTimeOffset LastSeen);

/// <summary>Which observations of a reading a search wants.</summary>
public enum ObservationPart
{
    /// <summary>The reading's main observation (glucose, SpO2, weight, BP panel).</summary>
    Main = 0,

    /// <summary>The separate pulse-rate observation of an oximeter or BP cuff reading.</summary>
    Pulse = 1,

    /// <summary>The partial NEWS2 of a news2-partial alert (an alert, not a reading).</summary>
    EarlyWarningScore = 2,
}

/// <summary>An Observation search (issue 5 §3) already translated from FHIR parameters.</summary>
/// <param name="PatientNhs">The patient (required: unassigned readings are never served).</param>
/// <param name="MainKinds">Reading kinds whose main observation matches, or null for all.</param>
/// <param name="PulseKinds">Reading kinds whose pulse observation matches, or null for all.</param>
/// <param name="EarlyWarningScores">Whether partial NEWS2 alert observations match.</param>
/// <param name="From">Effective time lower bound.</param>
/// <param name="FromInclusive">ge rather than gt.</param>
/// <param name="To">Effective time upper bound.</param>
/// <param name="ToInclusive">le rather than lt.</param>
/// <param name="Count">Page size.</param>
/// <param name="Offset">Rows skipped.</param>
/// <param name="Order">The order of the results.</param>
public sealed record ObservationQuery(
    string PatientNhs,
    IReadOnlyCollection<string>? MainKinds,
    IReadOnlyCollection<string>? PulseKinds,
    bool EarlyWarningScores,
    DateTimeOffset? From,
    bool FromInclusive,
    DateTimeOffset? To,
    bool ToInclusive,
    int Count,
    int Offset,
    ObservationOrder Order = ObservationOrder.Stored);

/// <summary>The order of an Observation search's results.</summary>
public enum ObservationOrder
{
    /// <summary>As stored: by row number (readings and scores number their own rows), stable but not chronological.</summary>
    Stored = 0,

    /// <summary>`_sort=date`: by effective time (a score's last breach), oldest first.</summary>
    DateAscending = 1,

    /// <summary>`_sort=-date`: by effective time, newest first.</summary>
    DateDescending = 2,
}

/// <summary>One observation of a search: a reading's (main or pulse part) or an alert's partial NEWS2.</summary>
public sealed record ObservationHit(StoredReading? Reading, StoredAlert? Alert, ObservationPart Part);

/// <summary>One page of a search.</summary>
public sealed record ObservationPage(IReadOnlyList<ObservationHit> Items, int Total);

/// <summary>A registry operation refused, with the reason shown to the operator.</summary>
public sealed class RegistryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RegistryException(string message)
        : base(message)
    {
    }
}
