using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;

namespace Dorset.Telehealth.Cloud.Storage;

/// <summary>SMART Backend Services clients, their used assertion ids and their access tokens (<see cref="ISmartClients"/>).</summary>
public abstract partial class SqlCloudStore
{
    /// <inheritdoc/>
    public async Task AddSmartClientAsync(string id, string name, string jwksJson, string allowedScopes, DateTimeOffset now, CancellationToken cancel = default)
    {
        await WriteAsync(async (c, t) =>
        {
            if (await ScalarAsync(c, t, "SELECT count(*) FROM smart_clients WHERE id = @id", cancel, ("id", id)) > 0)
            {
                throw new RegistryException($"client '{id}' already exists (revoked clients keep their id; choose another)");
            }

            await ExecuteAsync(c, t, "INSERT INTO smart_clients (id, name, jwks, scopes, created_at) VALUES (@id, @name, @jwks, @scopes, @now)", cancel,
                ("id", id), ("name", name), ("jwks", jwksJson), ("scopes", allowedScopes), ("now", DbTime(now)));
            return 0;
        }, cancel);
    }

    /// <inheritdoc/>
    public async Task<bool> RevokeSmartClientAsync(string id, DateTimeOffset now, CancellationToken cancel = default)
    {
        return await WriteAsync(async (c, t) =>
        {
            if (await ScalarAsync(c, t, "SELECT count(*) FROM smart_clients WHERE id = @id", cancel, ("id", id)) == 0)
            {
                return false;
            }

            await ExecuteAsync(c, t, "UPDATE smart_clients SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL", cancel, ("id", id), ("now", DbTime(now)));
            return true;
        }, cancel);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<SmartClientRecord>> ListSmartClientsAsync(CancellationToken cancel = default)
    {
        await using DbConnection c = await OpenAsync(cancel);
        await using DbCommand cmd = Command(c, null, "SELECT id, name, jwks, scopes, created_at, revoked_at FROM smart_clients ORDER BY id");
        await using DbDataReader r = await cmd.ExecuteReaderAsync(cancel);
        var list = new List<SmartClientRecord>();
        while (await r.ReadAsync(cancel))
        {
            list.Add(ReadClient(r));
        }

        return list;
    }

    /// <inheritdoc/>
    public async Task<SmartClientRecord?> FindSmartClientAsync(string id, CancellationToken cancel = default)
    {
        await using DbConnection c = await OpenAsync(cancel);
        await using DbCommand cmd = Command(c, null, "SELECT id, name, jwks, scopes, created_at, revoked_at FROM smart_clients WHERE id = @id AND revoked_at IS NULL", ("id", id));
        await using DbDataReader r = await cmd.ExecuteReaderAsync(cancel);
        return await r.ReadAsync(cancel) ? ReadClient(r) : null;
    }

    /// <inheritdoc/>
    public async Task<bool> RecordAssertionAsync(string clientId, string jti, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancel = default)
    {
        return await WriteAsync(async (c, t) =>
        {
            // An expired assertion is refused for its expiry, so its id need not be kept once it has expired.
            await ExecuteAsync(c, t, "DELETE FROM smart_assertions WHERE expires_at < @now", cancel, ("now", DbTime(now)));
            // The primary key decides, inside the database, which of two replicas saw the id first.
            return await ExecuteAsync(c, t, "INSERT INTO smart_assertions (client_id, jti, expires_at) VALUES (@c, @j, @e) ON CONFLICT (client_id, jti) DO NOTHING", cancel,
                ("c", clientId), ("j", jti), ("e", DbTime(expiresAt))) == 1;
        }, cancel);
    }

    /// <inheritdoc/>
    public async Task IssueAccessTokenAsync(string tokenHash, string clientId, string scopes, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancel = default)
    {
        await WriteAsync(async (c, t) =>
        {
            await ExecuteAsync(c, t, "DELETE FROM smart_tokens WHERE expires_at < @now", cancel, ("now", DbTime(now)));
            await ExecuteAsync(c, t, "INSERT INTO smart_tokens (token_hash, client_id, scopes, issued_at, expires_at) VALUES (@h, @c, @s, @now, @e)", cancel,
                ("h", tokenHash), ("c", clientId), ("s", scopes), ("now", DbTime(now)), ("e", DbTime(expiresAt)));
            return 0;
        }, cancel);
    }

    /// <inheritdoc/>
    public async Task<SmartAccessToken?> FindAccessTokenAsync(string tokenHash, DateTimeOffset now, CancellationToken cancel = default)
    {
        await using DbConnection c = await OpenAsync(cancel);
        // Joined with the client on every request: revoking a client ends its tokens at once, on every replica.
        await using DbCommand cmd = Command(c, null,
            "SELECT t.client_id, t.scopes, t.expires_at FROM smart_tokens t JOIN smart_clients k ON k.id = t.client_id " +
            "WHERE t.token_hash = @h AND t.expires_at > @now AND k.revoked_at IS NULL", ("h", tokenHash), ("now", DbTime(now)));
        await using DbDataReader r = await cmd.ExecuteReaderAsync(cancel);
        return await r.ReadAsync(cancel) ? new SmartAccessToken(r.GetString(0), r.GetString(1), ReadTime(r, 2)) : null;
    }

    private static SmartClientRecord ReadClient(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), ReadTime(r, 4), r.IsDBNull(5) ? null : ReadTime(r, 5));
}
