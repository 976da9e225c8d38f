using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;

namespace Dorset.Telehealth.Gateway.Accounts;

/// <summary>
/// Console accounts (table users): human passwords hashed with ASP.NET Core Identity's PasswordHasher (PBKDF2, salted,
/// slow on purpose, unlike the random machine secrets of units), no default account, and a lockout after
/// <see cref="MaxFailedLogins"/> failures in a row. Every change and every login attempt is audited with who and when.
/// </summary>
public sealed partial class HubUserStore
{
    /// <summary>Failed logins in a row that lock an account.</summary>
    public const int MaxFailedLogins = 5;

    /// <summary>The shortest password a person may choose (generated ones are longer).</summary>
    public const int MinPasswordLength = 12;

    /// <summary>The longest password accepted (the login form reads no more).</summary>
    public const int MaxPasswordLength = 256;

    /// <summary>How long a locked account stays locked.</summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    // No 0/O, 1/l/I: a generated password is read off a screen and typed once.
    private const string PasswordAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static readonly PasswordHasher<string> s_hasher = new();
    private readonly GatewayDatabase _database;

    /// <summary>Creates the store.</summary>
    public HubUserStore(GatewayDatabase database)
    {
        _database = database;
    }

    /// <summary>True for a login name: 1-64 of letters, digits, '.', '_', '-', starting with a letter.</summary>
    public static bool IsValidName(string? name) => name != null && NamePattern().IsMatch(name);

    /// <summary>A new random password: 20 characters from an unambiguous alphabet (about 117 bits).</summary>
    public static string NewPassword() => RandomNumberGenerator.GetString(PasswordAlphabet, 20);

    /// <summary>Null when <paramref name="password"/> may be used; otherwise why not.</summary>
    public static string? PasswordProblem(string password) =>
        password.Length < MinPasswordLength ? $"a password needs at least {MinPasswordLength} characters"
        : password.Length > MaxPasswordLength ? $"a password may have at most {MaxPasswordLength} characters"
        : null;

    /// <summary>Adds an account; null when added, else the problem (bad name or role, name taken, weak password).</summary>
    public string? Add(string name, string role, string password, string by, DateTimeOffset nowUtc)
    {
        string? problem = !IsValidName(name) ? $"'{name}' is not a login name (1-64 letters, digits, '.', '_' or '-', starting with a letter)"
            : !HubRoles.IsRole(role) ? $"role must be {string.Join(" or ", HubRoles.All)}"
            : PasswordProblem(password);
        if (problem != null)
        {
            return problem;
        }

        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT OR IGNORE INTO users(name, role, password_hash, created_utc) VALUES ($name, $role, $hash, $now)";
            insert.Parameters.AddWithValue("$name", name);
            insert.Parameters.AddWithValue("$role", role);
            insert.Parameters.AddWithValue("$hash", s_hasher.HashPassword(name, password));
            insert.Parameters.AddWithValue("$now", Timestamp.Format(nowUtc));
            if (insert.ExecuteNonQuery() == 0)
            {
                return $"a user named '{name}' exists";
            }
        }

        AuditLog.Write(connection, transaction, nowUtc, by, "user.add", "user:" + name, null, $$"""{"role":"{{role}}"}""");
        transaction.Commit();
        return null;
    }

    /// <summary>Every account, by name.</summary>
    public IReadOnlyList<HubUser> List() => Select(null);

    /// <summary>The account named <paramref name="name"/>, or null (read on every console request: one keyed row).</summary>
    public HubUser? Find(string name) => Select(name) is [var user] ? user : null;

    /// <summary>True when an enabled admin account exists (no admin yet: first-run setup).</summary>
    public bool HasAdmin()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS(SELECT 1 FROM users WHERE role = 'admin' AND disabled_utc IS NULL)";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    /// <summary>Disables an account from its next login; false when there is none of that name.</summary>
    public bool Disable(string name, string by, DateTimeOffset nowUtc) =>
        Change(name, by, nowUtc, "user.disable", "UPDATE users SET disabled_utc = COALESCE(disabled_utc, $now) WHERE name = $name", null);

    /// <summary>
    /// Disables an account unless it is the last enabled admin (the console's rule: someone must be left to manage the
    /// hub); null when disabled, else the problem. The check and the change are one statement in one transaction, so
    /// two admins disabling each other at the same moment cannot leave none.
    /// </summary>
    public string? DisableKeepingAnAdmin(string name, string by, DateTimeOffset nowUtc)
    {
        const string sql = """
            UPDATE users SET disabled_utc = COALESCE(disabled_utc, $now) WHERE name = $name
            AND (role <> 'admin' OR disabled_utc IS NOT NULL
                 OR EXISTS(SELECT 1 FROM users AS other WHERE other.role = 'admin' AND other.disabled_utc IS NULL AND other.name <> $name))
            """;
        if (Change(name, by, nowUtc, "user.disable", sql, null))
        {
            return null;
        }

        return Find(name) == null ? $"no user named '{name}'" : $"{name} is the last enabled admin: add or enable another admin first";
    }

    /// <summary>
    /// Sets a new password, clears failures and lockout, and ends the account's open sessions; false when there is no
    /// account of that name.
    /// </summary>
    public bool ResetPassword(string name, string password, string by, DateTimeOffset nowUtc) =>
        Change(name, by, nowUtc, "user.reset-password",
            "UPDATE users SET password_hash = $hash, failed_logins = 0, locked_until_utc = NULL, password_changed_utc = $now WHERE name = $name",
            s_hasher.HashPassword(name, password));

    /// <summary>
    /// Checks a login and records it: success clears the failure count; each failure counts, and the
    /// <see cref="MaxFailedLogins"/>th in a row locks the account for <see cref="LockoutDuration"/>, during which even the
    /// right password is refused. A hash in an older format is replaced at a successful login.
    /// </summary>
    public LoginResult Verify(string name, string password, DateTimeOffset nowUtc)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        LoginResult result = Check(connection, transaction, name, password, nowUtc);
        AuditLog.Write(connection, transaction, nowUtc, name, result == LoginResult.Succeeded ? "login.success" : "login.failure",
            "user:" + name, null, $$"""{"result":"{{result}}"}""");
        transaction.Commit();
        return result;
    }

    private static LoginResult Check(SqliteConnection connection, SqliteTransaction transaction, string name, string password, DateTimeOffset nowUtc)
    {
        string hash;
        int failures;
        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT password_hash, disabled_utc, failed_logins, locked_until_utc FROM users WHERE name = $name";
            select.Parameters.AddWithValue("$name", name);
            using var reader = select.ExecuteReader();
            if (!reader.Read())
            {
                return LoginResult.UnknownUser;
            }

            if (!reader.IsDBNull(1))
            {
                return LoginResult.Disabled;
            }

            if (!reader.IsDBNull(3) && Timestamp.Parse(reader.GetString(3)) > nowUtc)
            {
                return LoginResult.LockedOut;
            }

            hash = reader.GetString(0);
            // A lockout that has ended starts the count again.
            failures = reader.IsDBNull(3) ? reader.GetInt32(2) : 0;
        }

        PasswordVerificationResult verified = s_hasher.VerifyHashedPassword(name, hash, password);
        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.Parameters.AddWithValue("$name", name);
        if (verified == PasswordVerificationResult.Failed)
        {
            failures++;
            update.CommandText = "UPDATE users SET failed_logins = $failures, locked_until_utc = $until WHERE name = $name";
            update.Parameters.AddWithValue("$failures", failures >= MaxFailedLogins ? 0 : failures);
            update.Parameters.AddWithValue("$until", failures >= MaxFailedLogins ? Timestamp.Format(nowUtc + LockoutDuration) : DBNull.Value);
            update.ExecuteNonQuery();
            return LoginResult.WrongPassword;
        }

        update.CommandText = "UPDATE users SET failed_logins = 0, locked_until_utc = NULL, password_hash = COALESCE($rehash, password_hash) WHERE name = $name";
        update.Parameters.AddWithValue("$rehash", verified == PasswordVerificationResult.SuccessRehashNeeded ? s_hasher.HashPassword(name, password) : DBNull.Value);
        update.ExecuteNonQuery();
        return LoginResult.Succeeded;
    }

    private List<HubUser> Select(string? name)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, role, created_utc, disabled_utc, failed_logins, locked_until_utc, password_changed_utc FROM users"
            + (name == null ? " ORDER BY name" : " WHERE name = $name");
        if (name != null)
        {
            command.Parameters.AddWithValue("$name", name);
        }

        var users = new List<HubUser>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            users.Add(new HubUser(reader.GetString(0), reader.GetString(1), Timestamp.Parse(reader.GetString(2)),
                reader.IsDBNull(3) ? null : Timestamp.Parse(reader.GetString(3)), reader.GetInt32(4),
                reader.IsDBNull(5) ? null : Timestamp.Parse(reader.GetString(5)), reader.IsDBNull(6) ? null : Timestamp.Parse(reader.GetString(6))));
        }

        return users;
    }

    private bool Change(string name, string by, DateTimeOffset nowUtc, string action, string sql, string? hash)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = sql;
            command.Parameters.AddWithValue("$name", name);
            command.Parameters.AddWithValue("$now", Timestamp.Format(nowUtc));
            if (hash != null)
            {
                command.Parameters.AddWithValue("$hash", hash);
            }

            if (command.ExecuteNonQuery() == 0)
            {
                return false;
            }
        }

        AuditLog.Write(connection, transaction, nowUtc, by, action, "user:" + name, null, null);
        transaction.Commit();
        return true;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9._-]{0,63}\\z")]
    private static partial Regex NamePattern();
}
