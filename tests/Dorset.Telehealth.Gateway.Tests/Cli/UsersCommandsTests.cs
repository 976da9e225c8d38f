using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Accounts;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Gateway.Tests.Cli;

/// <summary>`users add|list|disable|reset-password` as processes, as an admin on the hub would run them.</summary>
public sealed class UsersCommandsTests
{
    [Fact]
    public async Task UsersAdd_PrintsAGeneratedPasswordOnceThatLogsIn()
    {
        using var dir = new TempDirectory();

        var add = await GatewayProcess.RunAsync("users", "add", "--name", "nurse.jones", "--role", "staff", "--data-dir", dir.Path);

        Assert.Equal(0, add.Code);
        string line = add.Stdout.Split('\n').Single(l => l.StartsWith("password (shown once, not stored): ", StringComparison.Ordinal));
        string password = line["password (shown once, not stored): ".Length..].Trim();
        Assert.Equal(20, password.Length);
        var users = new HubUserStore(new GatewayDatabase(Path.Combine(dir.Path, "gateway.db")));
        Assert.Equal(LoginResult.Succeeded, users.Verify("nurse.jones", password, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task UsersAdd_PasswordFromStdin_IsNotPrinted_AndAShortOneIsRefused()
    {
        using var dir = new TempDirectory();

        var add = await GatewayProcess.RunWithInputAsync("a long enough passphrase\n", "users", "add", "--name", "admin.a", "--role", "admin", "--password-stdin", "--data-dir", dir.Path);
        var weak = await GatewayProcess.RunWithInputAsync("short\n", "users", "add", "--name", "admin.b", "--role", "admin", "--password-stdin", "--data-dir", dir.Path);

        Assert.Equal(0, add.Code);
        Assert.DoesNotContain("passphrase", add.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, weak.Code);
        Assert.Contains("at least 12 characters", weak.Stderr, StringComparison.Ordinal);
        var users = new HubUserStore(new GatewayDatabase(Path.Combine(dir.Path, "gateway.db")));
        Assert.Equal(LoginResult.Succeeded, users.Verify("admin.a", "a long enough passphrase", DateTimeOffset.UtcNow));
        Assert.True(users.HasAdmin());
    }

    [Fact]
    public async Task UsersListDisableAndResetPassword_DoWhatTheySay_AndAnUnknownNameIsRefused()
    {
        using var dir = new TempDirectory();
        await GatewayProcess.RunAsync("users", "add", "--name", "nurse.jones", "--role", "staff", "--data-dir", dir.Path);
        await GatewayProcess.RunAsync("users", "add", "--name", "nurse.smith", "--role", "staff", "--data-dir", dir.Path);

        var disable = await GatewayProcess.RunAsync("users", "disable", "nurse.jones", "--data-dir", dir.Path);
        var reset = await GatewayProcess.RunWithInputAsync("another long passphrase\n", "users", "reset-password", "nurse.smith", "--password-stdin", "--data-dir", dir.Path);
        var unknown = await GatewayProcess.RunAsync("users", "disable", "nobody", "--data-dir", dir.Path);
        var list = await GatewayProcess.RunAsync("users", "list", "--data-dir", dir.Path);

        Assert.Equal((0, 0, 2), (disable.Code, reset.Code, unknown.Code));
        Assert.Contains("no user named 'nobody'", unknown.Stderr, StringComparison.Ordinal);
        Assert.Contains("disabled", list.Stdout.Split('\n').Single(l => l.Contains("nurse.jones", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("enabled", list.Stdout.Split('\n').Single(l => l.Contains("nurse.smith", StringComparison.Ordinal)), StringComparison.Ordinal);
        var users = new HubUserStore(new GatewayDatabase(Path.Combine(dir.Path, "gateway.db")));
        Assert.Equal(LoginResult.Succeeded, users.Verify("nurse.smith", "another long passphrase", DateTimeOffset.UtcNow));
    }
}
