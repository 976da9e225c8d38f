using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Dorset.Telehealth.Cloud.Storage;

/// <summary>
/// The audit of FHIR access (issue 16 §4): one record per read or search, refused ones included, written before the
/// answer leaves, so that no patient data is served unaudited. Served as FHIR AuditEvent and by `audit list`.
/// </summary>
public interface IAuditLog
{
    /// <summary>Appends a record; returns its id.</summary>
    Task<long> AppendAuditAsync(AuditRecord record, CancellationToken cancel = default);

    /// <summary>Records matching <paramref name="query"/>, newest first.</summary>
    Task<IReadOnlyList<AuditRecord>> SearchAuditAsync(AuditQuery query, CancellationToken cancel = default);
}

/// <summary>Who read what, when, and how it ended.</summary>
/// <param name="Id">The record's id (0 before it is stored).</param>
/// <param name="Recorded">When the request was answered.</param>
/// <param name="AgentKind">The credential: smart-client, fhir-reader, gateway or anonymous.</param>
/// <param name="AgentId">The client, reader or gateway id; null when anonymous.</param>
/// <param name="Interaction">read or search (FHIR restful interactions: read, search-type).</param>
/// <param name="ResourceType">The resource type asked for.</param>
/// <param name="Query">The request path and query string as received.</param>
/// <param name="PatientNhs">The patient whose data was asked for, when one was; searches name exactly one.</param>
/// <param name="Status">The HTTP status of the answer.</param>
/// <param name="RemoteAddress">The caller's address as the service saw it.</param>
public sealed record AuditRecord(long Id, DateTimeOffset Recorded, string AgentKind, string? AgentId, string Interaction, string ResourceType,
    string Query, string? PatientNhs, int Status, string? RemoteAddress);

/// <summary>A filter of the audit: every given part must match.</summary>
/// <param name="PatientNhs">Only records of this patient.</param>
/// <param name="AgentId">Only records of this client or reader.</param>
/// <param name="Since">Only records at or after this instant.</param>
/// <param name="Count">At most this many.</param>
public sealed record AuditQuery(string? PatientNhs, string? AgentId, DateTimeOffset? Since, int Count);
