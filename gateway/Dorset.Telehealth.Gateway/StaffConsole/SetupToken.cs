using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Dorset.Telehealth.Gateway.Accounts;
using Microsoft.Extensions.Logging;

namespace Dorset.Telehealth.Gateway.StaffConsole;

/// <summary>
/// First run without an admin account: a one-time secret for the /setup page, made at start and written to the log
/// only (never to disk), so that whoever can read the gateway's log on the box can create the first admin. It is spent
/// when that admin exists. There is no default account; `users add --role admin` works as well.
/// </summary>
public sealed class SetupToken
{
    private readonly HubUserStore _users;
    private string? _token;

    /// <summary>Creates the token if no admin exists, and logs where to use it.</summary>
    public SetupToken(HubUserStore users, ILogger<SetupToken> logger)
    {
        _users = users;
        if (!users.HasAdmin())
        {
            _token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            logger.LogWarning("no admin account yet: open /setup?token={Token} on the gateway (loopback or HTTPS) to create one, or run `dorset-gateway users add --name NAME --role admin`", _token);
        }
    }

    /// <summary>True while no admin exists and <paramref name="candidate"/> is the token (compared in constant time).</summary>
    public bool Accepts(string? candidate)
    {
        string? token = Volatile.Read(ref _token);
        if (token == null || candidate == null || _users.HasAdmin())
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token), Encoding.ASCII.GetBytes(candidate));
    }

    /// <summary>The first admin exists: the token is spent.</summary>
    public void Spend() => Volatile.Write(ref _token, null);

    /// <summary>The token while unspent (for the log line and tests), else null.</summary>
    public string? Current => Volatile.Read(ref _token);
}
