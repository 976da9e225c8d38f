using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Dorset.Telehealth.Cloud.Storage;

/// <summary>
/// SMART Backend Services (issue 16 §3): registered clients with their public keys, the client-assertion ids already
/// used (kept until the assertion expires, so a replay is refused on every replica), and the access tokens issued.
/// Times are passed in, from the host's TimeProvider, so that expiry is testable.
/// </summary>
public interface ISmartClients
{
    /// <summary>Registers a client with its JWKS (public keys only) and the scopes it may be granted.</summary>
    /// <exception cref="RegistryException">The id is taken.</exception>
    Task AddSmartClientAsync(string id, string name, string jwksJson, string allowedScopes, DateTimeOffset now, CancellationToken cancel = default);

    /// <summary>Revokes a client: its assertions and every token issued to it are refused from then on; false when unknown.</summary>
    Task<bool> RevokeSmartClientAsync(string id, DateTimeOffset now, CancellationToken cancel = default);

    /// <summary>The clients, revoked ones included.</summary>
    Task<IReadOnlyList<SmartClientRecord>> ListSmartClientsAsync(CancellationToken cancel = default);

    /// <summary>The unrevoked client with this id, or null.</summary>
    Task<SmartClientRecord?> FindSmartClientAsync(string id, CancellationToken cancel = default);

    /// <summary>
    /// Records that the client used assertion id <paramref name="jti"/>, which expires at <paramref name="expiresAt"/>;
    /// false when it was used before (a replay). Forgets ids whose assertions expired before <paramref name="now"/>.
    /// </summary>
    Task<bool> RecordAssertionAsync(string clientId, string jti, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancel = default);

    /// <summary>Stores an access token (by hash) with its granted scopes until <paramref name="expiresAt"/>; forgets expired ones.</summary>
    Task IssueAccessTokenAsync(string tokenHash, string clientId, string scopes, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancel = default);

    /// <summary>The unexpired token with this hash of an unrevoked client, or null.</summary>
    Task<SmartAccessToken?> FindAccessTokenAsync(string tokenHash, DateTimeOffset now, CancellationToken cancel = default);
}

/// <summary>A registered SMART client.</summary>
/// <param name="Id">The client_id (iss and sub of its assertions).</param>
/// <param name="Name">Who it is, e.g. "Dorset Care Record".</param>
/// <param name="JwksJson">Its JSON Web Key Set: public keys only.</param>
/// <param name="AllowedScopes">The SMART v2 system scopes it may be granted, space-separated.</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="RevokedAt">When it was revoked, or null.</param>
public sealed record SmartClientRecord(string Id, string Name, string JwksJson, string AllowedScopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A valid access token: whose it is and what it grants.</summary>
/// <param name="ClientId">The client it was issued to.</param>
/// <param name="Scopes">The granted scopes, space-separated.</param>
/// <param name="ExpiresAt">When it stops working.</param>
public sealed record SmartAccessToken(string ClientId, string Scopes, DateTimeOffset ExpiresAt);
