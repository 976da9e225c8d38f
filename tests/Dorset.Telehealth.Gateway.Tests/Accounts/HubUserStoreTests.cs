using Dorset.Telehealth.TestSupport;
using System;
using System.IO;
using System.Linq;
using Dorset.Telehealth.Gateway.Accounts;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Gateway.Tests.Fakes;

namespace Dorset.Telehealth.Gateway.Tests.Accounts;

/// <summary>Console accounts on a real SQLite file, with the times passed in: lockout is tested without waiting.</summary>
public sealed class HubUserStoreTests : IDisposable
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly GatewayDatabase _database;
    private readonly HubUserStore _users;

    public HubUserStoreTests()
    {
        _database = new GatewayDatabase(Path.Combine(_dir.Path, "gateway.db"));
        _users = new HubUserStore(_database);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public void Add_ThenVerify_SucceedsOnlyWithTheRightPassword_AndStoresASaltedSlowHashNotThePassword()
    {
        Assert.Null(_users.Add("nurse.jones", HubRoles.Staff, "correct horse battery", "cli:test", s_now));
        Assert.Null(_users.Add("nurse.smith", HubRoles.Staff, "correct horse battery", "cli:test", s_now));

        Assert.Equal(LoginResult.Succeeded, _users.Verify("nurse.jones", "correct horse battery", s_now));
        Assert.Equal(LoginResult.WrongPassword, _users.Verify("nurse.jones", "Correct horse battery", s_now));
        Assert.Equal(LoginResult.UnknownUser, _users.Verify("nobody", "correct horse battery", s_now));
        var hashes = Hashes();
        Assert.All(hashes, h => Assert.DoesNotContain("horse", h, StringComparison.Ordinal));
        // Identity's v3 format (PBKDF2 with a per-password salt): the same password gives two different hashes.
        Assert.All(hashes, h => Assert.Equal(0x01, Convert.FromBase64String(h)[0]));
        Assert.NotEqual(hashes[0], hashes[1]);
    }

    [Fact]
    public void FiveFailuresInARow_LockTheAccountFor15Minutes_EvenForTheRightPassword()
    {
        _users.Add("nurse.jones", HubRoles.Staff, "correct horse battery", "cli:test", s_now);

        for (int i = 0; i < HubUserStore.MaxFailedLogins; i++)
        {
            Assert.Equal(LoginResult.WrongPassword, _users.Verify("nurse.jones", "guess " + i, s_now));
        }

        Assert.Equal(LoginResult.LockedOut, _users.Verify("nurse.jones", "correct horse battery", s_now.AddMinutes(14)));
        Assert.Equal(LoginResult.Succeeded, _users.Verify("nurse.jones", "correct horse battery", s_now.AddMinutes(15).AddSeconds(1)));
        Assert.Equal(0, _users.List().Single().FailedLogins);
    }

    [Fact]
    public void FourFailuresThenASuccess_StartTheCountAgain()
    {
        _users.Add("nurse.jones", HubRoles.Staff, "correct horse battery", "cli:test", s_now);
        for (int i = 0; i < HubUserStore.MaxFailedLogins - 1; i++)
        {
            _users.Verify("nurse.jones", "guess", s_now);
        }

        Assert.Equal(LoginResult.Succeeded, _users.Verify("nurse.jones", "correct horse battery", s_now));
        Assert.Equal(LoginResult.WrongPassword, _users.Verify("nurse.jones", "guess", s_now));
        Assert.Equal(LoginResult.Succeeded, _users.Verify("nurse.jones", "correct horse battery", s_now));
    }

    [Fact]
    public void Disabled_IsRefused_AndResetPasswordClearsALockout()
    {
        _users.Add("nurse.jones", HubRoles.Staff, "correct horse battery", "cli:test", s_now);
        _users.Add("nurse.smith", HubRoles.Staff, "correct horse battery", "cli:test", s_now);
        for (int i = 0; i < HubUserStore.MaxFailedLogins; i++)
        {
            _users.Verify("nurse.smith", "guess", s_now);
        }

        Assert.True(_users.Disable("nurse.jones", "admin.a", s_now));
        Assert.True(_users.ResetPassword("nurse.smith", "a brand new passphrase", "admin.a", s_now));

        Assert.Equal(LoginResult.Disabled, _users.Verify("nurse.jones", "correct horse battery", s_now));
        Assert.Equal(LoginResult.Succeeded, _users.Verify("nurse.smith", "a brand new passphrase", s_now));
        Assert.False(_users.Disable("nobody", "admin.a", s_now));
    }

    [Fact]
    public void DisableKeepingAnAdmin_RefusesTheLastEnabledAdmin_ButNotAnotherAdminOrStaff()
    {
        _users.Add("admin.a", HubRoles.Admin, "correct horse battery", "cli:test", s_now);
        _users.Add("admin.b", HubRoles.Admin, "correct horse battery", "cli:test", s_now);
        _users.Add("nurse.jones", HubRoles.Staff, "correct horse battery", "cli:test", s_now);

        Assert.Null(_users.DisableKeepingAnAdmin("nurse.jones", "admin.a", s_now));
        Assert.Null(_users.DisableKeepingAnAdmin("admin.b", "admin.a", s_now));
        string? last = _users.DisableKeepingAnAdmin("admin.a", "admin.b", s_now);
        string? unknown = _users.DisableKeepingAnAdmin("nobody", "admin.a", s_now);

        Assert.Equal("admin.a is the last enabled admin: add or enable another admin first", last);
        Assert.Equal("no user named 'nobody'", unknown);
        Assert.True(_users.HasAdmin());
        Assert.Null(_users.Find("admin.a")!.DisabledUtc);
        Assert.DoesNotContain(AuditLog.Read(_database, "user:admin.a", 10), a => a.Action == "user.disable");
    }

    [Theory]
    [InlineData("nurse jones", "staff", "correct horse battery", "not a login name")]
    [InlineData("1nurse", "staff", "correct horse battery", "not a login name")]
    [InlineData("nurse.jones", "superuser", "correct horse battery", "role must be staff or admin")]
    [InlineData("nurse.jones", "staff", "short pw", "at least 12 characters")]
    public void Add_Invalid_IsRefusedNamingWhy(string name, string role, string password, string problem)
    {
        Assert.Contains(problem, _users.Add(name, role, password, "cli:test", s_now), StringComparison.Ordinal);
        Assert.Empty(_users.List());
    }

    [Fact]
    public void EveryChangeAndLogin_IsAuditedWithWhoAndWhen()
    {
        _users.Add("admin.a", HubRoles.Admin, "correct horse battery", "cli:root", s_now);
        Assert.Contains("exists", _users.Add("admin.a", HubRoles.Staff, "correct horse battery", "cli:root", s_now), StringComparison.Ordinal);
        _users.Verify("admin.a", "wrong one", s_now.AddMinutes(1));
        _users.Verify("admin.a", "correct horse battery", s_now.AddMinutes(2));
        _users.Disable("admin.a", "cli:root", s_now.AddMinutes(3));

        var audit = AuditLog.Read(_database, "user:admin.a", 10).Reverse().Select(a => (a.Action, a.Actor, a.AtUtc)).ToList();

        Assert.Equal(new[]
        {
            ("user.add", "cli:root", s_now), ("login.failure", "admin.a", s_now.AddMinutes(1)),
            ("login.success", "admin.a", s_now.AddMinutes(2)), ("user.disable", "cli:root", s_now.AddMinutes(3)),
        }, audit);
        Assert.False(_users.HasAdmin());
    }

    private string[] Hashes()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT password_hash FROM users ORDER BY name";
        using var reader = command.ExecuteReader();
        var list = new System.Collections.Generic.List<string>();
        while (reader.Read())
        {
            list.Add(reader.GetString(0));
        }

        return list.ToArray();
    }

    [Theory]
    [InlineData("nurse.jones\n")]
    [InlineData("nurse\njones")]
    public void IsValidName_WithANewline_IsFalse(string name)
    {
        // "$" also matches before a final newline; the pattern must end at the end of the string.
        Assert.False(HubUserStore.IsValidName(name));
    }
}
