using System;
using System.Collections.Generic;
using Dorset.Telehealth.Cloud.Ingestion;

namespace Dorset.Telehealth.Cloud.Storage;

/// <summary>An alert revision the store refused, with a reason that starts with a fixed code (cloud/README.md "Alerts contract (v1)").</summary>
public sealed record AlertRejection(string AlertId, int Revision, string Reason);

/// <summary>The outcome of an alerts batch: every alertId@revision in exactly one list, in request order.</summary>
/// <param name="Accepted">Stored now.</param>
/// <param name="Duplicate">Stored before with the same content.</param>
/// <param name="Rejected">Not stored, with reasons.</param>
/// <param name="UnassignedAccepted">How many accepted revisions had no patient at their first breach.</param>
public sealed record AlertIngestResult(IReadOnlyList<string> Accepted, IReadOnlyList<string> Duplicate, IReadOnlyList<AlertRejection> Rejected, int UnassignedAccepted);

/// <summary>A stored alert revision with what the cloud added to it.</summary>
/// <param name="Id">The row id.</param>
/// <param name="Alert">The revision as validated.</param>
/// <param name="GatewayId">The gateway that sent it.</param>
/// <param name="Hub">That gateway's hub.</param>
/// <param name="PatientNhs">The patient whose unit assignment covered the first breach, or null.</param>
/// <param name="StoredAt">When the cloud stored this revision.</param>
public sealed record StoredAlert(long Id, BatchAlert Alert, string GatewayId, string Hub, string? PatientNhs, DateTimeOffset StoredAt)
{
    /// <summary>
    /// True when the alert is served as an early-warning-score Observation rather than a DetectedIssue: the partial
    /// NEWS2 is a measurement-like score a clinician trends, the others are issues to act on.
    /// </summary>
    public bool IsScore => Alert.Score != null;
}

/// <summary>One page of the current revisions of a patient's alerts (DetectedIssue search).</summary>
public sealed record AlertPage(IReadOnlyList<StoredAlert> Items, int Total);

/// <summary>A stored reading an alert names: its Observation id, and whether it has a separate pulse-rate Observation.</summary>
public sealed record StoredReadingRef(string FhirId, bool HasPulse);
