using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Dorset.Telehealth.Gateway.StaffConsole;

/// <summary>
/// The Provisioning page's bundle downloads. A bundle holds the unit's secret, so it is never written to disk: it is
/// kept in this process's memory under a random one-time token, for the admin who provisioned the unit only, until
/// that admin downloads it once or <see cref="Lifetime"/> passes (a restart forgets it too). A lost bundle means
/// revoking the unit and provisioning it again, as for a lost secret.
/// </summary>
public sealed class BundleDownloads
{
    /// <summary>How long an undownloaded bundle is kept.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Held> _held = new(StringComparer.Ordinal);

    /// <summary>Creates the store.</summary>
    public BundleDownloads(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Keeps <paramref name="zip"/> for <paramref name="owner"/>; the token that fetches it once.</summary>
    public string Hold(string owner, string unitId, byte[] zip)
    {
        DateTimeOffset now = _time.GetUtcNow();
        foreach (var (token, held) in _held)
        {
            if (held.ExpiresUtc <= now)
            {
                _held.TryRemove(token, out _);
            }
        }

        string fresh = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        _held[fresh] = new Held(owner, unitId, zip, now + Lifetime);
        return fresh;
    }

    /// <summary>
    /// The bundle of <paramref name="token"/>, removed as it is handed out; null when the token is unknown, spent,
    /// expired, or <paramref name="owner"/> is not the admin it was made for (who keeps it then).
    /// </summary>
    public (string UnitId, byte[] Zip)? Take(string owner, string? token)
    {
        if (token == null || !_held.TryGetValue(token, out Held? held) || held.Owner != owner)
        {
            return null;
        }

        if (!_held.TryRemove(token, out held) || held.ExpiresUtc <= _time.GetUtcNow())
        {
            return null;
        }

        return (held.UnitId, held.Zip);
    }

    private sealed record Held(string Owner, string UnitId, byte[] Zip, DateTimeOffset ExpiresUtc);
}
