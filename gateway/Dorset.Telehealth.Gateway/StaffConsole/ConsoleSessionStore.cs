using System;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Dorset.Telehealth.Gateway.StaffConsole;

/// <summary>
/// Console sessions kept in the gateway's database, the cookie holding only a random key to one: logging out deletes
/// the session, so a copy of the cookie (a shared PC, a proxy log) is worthless afterwards, which a self-contained
/// cookie cannot promise. Sessions survive a gateway restart, so open pages reconnect without a new login.
/// </summary>
public sealed class ConsoleSessionStore : ITicketStore
{
    private readonly GatewayDatabase _database;
    private readonly TimeProvider _time;

    /// <summary>Creates the store.</summary>
    public ConsoleSessionStore(GatewayDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <inheritdoc/>
    public Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        string key = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        using var connection = _database.Open();
        using (var prune = connection.CreateCommand())
        {
            // Ended sessions leave no rows behind: each new login clears the expired ones.
            prune.CommandText = "DELETE FROM console_sessions WHERE expires_utc < $now";
            prune.Parameters.AddWithValue("$now", Timestamp.Format(_time.GetUtcNow()));
            prune.ExecuteNonQuery();
        }

        Write(connection, "INSERT INTO console_sessions(key, user_name, ticket, expires_utc) VALUES ($key, $user, $ticket, $expires)", key, ticket);
        return Task.FromResult(key);
    }

    /// <inheritdoc/>
    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        using var connection = _database.Open();
        Write(connection, "UPDATE console_sessions SET user_name = $user, ticket = $ticket, expires_utc = $expires WHERE key = $key", key, ticket);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT ticket FROM console_sessions WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return Task.FromResult(command.ExecuteScalar() is byte[] ticket ? TicketSerializer.Default.Deserialize(ticket) : null);
    }

    /// <inheritdoc/>
    public Task RemoveAsync(string key)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM console_sessions WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    private void Write(Microsoft.Data.Sqlite.SqliteConnection connection, string sql, string key, AuthenticationTicket ticket)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$user", ticket.Principal.Identity?.Name ?? "");
        command.Parameters.AddWithValue("$ticket", TicketSerializer.Default.Serialize(ticket));
        // A ticket without an expiry still ends with the console's absolute limit.
        command.Parameters.AddWithValue("$expires", Timestamp.Format(ticket.Properties.ExpiresUtc ?? _time.GetUtcNow() + Extensions.ConsoleExtensions.AbsoluteTimeout));
        command.ExecuteNonQuery();
    }
}
