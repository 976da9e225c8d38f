using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Accounts;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Dorset.Telehealth.Gateway.Tests.StaffConsole;

/// <summary>
/// The admin's Users page on the real gateway: passwords it shows once really log in, disabled accounts cannot, every
/// change is audited as the admin, an admin cannot disable themselves, and staff are refused.
/// </summary>
public sealed partial class UsersPageTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task Users_ListsEachAccount_WithRoleCreatedDisabledAndLockedUntil_InUkTime()
    {
        await using var host = ProvisioningPageTests.StartWithAccounts();
        var users = Users(host);
        users.Add("nurse.old", HubRoles.Staff, Password, "test", AlertHost.FrameTime);
        users.Disable("nurse.old", "test", AlertHost.FrameTime);
        for (int i = 0; i < HubUserStore.MaxFailedLogins; i++)
        {
            users.Verify("nurse.jones", "wrong guess", AlertHost.FrameTime);
        }

        using var admin = await ProvisioningPageTests.LoginAsync(host, "admin.a");
        var (status, html, _) = await admin.GetAsync("/users");

        Assert.Equal(HttpStatusCode.OK, status);
        // 2026-11-24 08:00 UTC is 08:00 in London (GMT); the lockout ends 15 minutes later.
        Assert.Matches(Row("nurse.old", "staff", "Tue 24 Nov 08:00", "disabled Tue 24 Nov 08:00", "-"), html);
        Assert.Matches(Row("nurse.jones", "staff", "Tue 24 Nov 08:00", "no", "Tue 24 Nov 08:15"), html);
        Assert.Matches(Row("admin.a", "admin", "Tue 24 Nov 08:00", "no", "-"), html);
    }

    [Fact]
    public async Task AddUser_GeneratedPassword_IsShownOnce_AndLogsIn_AuditedAsTheAdmin()
    {
        await using var host = ProvisioningPageTests.StartWithAccounts();
        using var admin = await ProvisioningPageTests.LoginAsync(host, "admin.a");

        var (status, html, _) = await AddAsync(admin, "nurse.new", "staff", null);
        string password = NewPassword().Match(html).Groups[1].Value;
        var later = await admin.GetAsync("/users");
        using var newcomer = new ConsoleBrowser(host.Host);
        var login = await newcomer.LoginAsync("nurse.new", password);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h2 id=\"password-heading\">Added nurse.new (staff)</h2>", html, StringComparison.Ordinal);
        Assert.Equal(20, password.Length);
        Assert.DoesNotContain(password, later.Html, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Redirect, "/"), (login.Status, login.Location));
        Assert.Equal(HubRoles.Staff, Users(host).Find("nurse.new")!.Role);
        Assert.Contains(ProvisioningPageTests.Audit(host), a => a is ("admin.a", "user.add", "user:nurse.new"));
    }

    [Fact]
    public async Task AddUser_TypedPassword_IsNotShown_AndLogsIn_AndABadNameOrShortPasswordIsRefusedSayingWhy()
    {
        await using var host = ProvisioningPageTests.StartWithAccounts();
        using var admin = await ProvisioningPageTests.LoginAsync(host, "admin.a");

        var typed = await AddAsync(admin, "admin.c", "admin", "a passphrase typed by hand");
        var afterTyped = await admin.GetAsync(typed.Location!);
        var badName = await AddAsync(admin, "nurse jones", "staff", null);
        var shortPassword = await AddAsync(admin, "nurse.short", "staff", "too short");
        using var newcomer = new ConsoleBrowser(host.Host);
        var login = await newcomer.LoginAsync("admin.c", "a passphrase typed by hand");

        Assert.Equal(HttpStatusCode.Redirect, typed.Status);
        Assert.Contains("Added admin.c (admin) with the password you typed.", afterTyped.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("a passphrase typed by hand", afterTyped.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"new-password\"", afterTyped.Html, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Redirect, "/"), (login.Status, login.Location));
        Assert.Contains("Refused: &#x27;nurse jones&#x27; is not a login name", badName.Html, StringComparison.Ordinal);
        Assert.Contains("Refused: a password needs at least 12 characters", shortPassword.Html, StringComparison.Ordinal);
        Assert.Null(Users(host).Find("nurse.short"));
    }

    [Fact]
    public async Task Disable_StopsTheAccountsLogins_AuditedAsTheAdmin_ButAnAdminCannotDisableThemselves()
    {
        await using var host = ProvisioningPageTests.StartWithAccounts();
        using var admin = await ProvisioningPageTests.LoginAsync(host, "admin.a");

        var disable = await admin.PostFormAsync("/users", "/users?handler=Disable", new Dictionary<string, string> { ["name"] = "nurse.jones" });
        var afterDisable = await admin.GetAsync(disable.Location!);
        var self = await admin.PostFormAsync("/users", "/users?handler=Disable", new Dictionary<string, string> { ["name"] = "admin.a" });
        using var nurse = new ConsoleBrowser(host.Host);
        var login = await nurse.LoginAsync("nurse.jones", Password);

        Assert.Equal(HttpStatusCode.Redirect, disable.Status);
        Assert.Contains("Disabled nurse.jones: the account cannot log in from now on.", afterDisable.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, login.Status);
        Assert.Contains("were not accepted", login.Html, StringComparison.Ordinal);
        Assert.Contains("Refused: You cannot disable your own account", self.Html, StringComparison.Ordinal);
        Assert.Null(Users(host).Find("admin.a")!.DisabledUtc);
        Assert.Contains(ProvisioningPageTests.Audit(host), a => a is ("admin.a", "user.disable", "user:nurse.jones"));
        Assert.DoesNotContain(ProvisioningPageTests.Audit(host), a => a is (_, "user.disable", "user:admin.a"));
    }

    [Fact]
    public async Task ResetPassword_ShowsANewPasswordOnce_ThatLogsIn_TheOldOneNoLonger_AndClearsALockout()
    {
        await using var host = ProvisioningPageTests.StartWithAccounts();
        for (int i = 0; i < HubUserStore.MaxFailedLogins; i++)
        {
            Users(host).Verify("nurse.jones", "wrong guess", AlertHost.FrameTime);
        }

        using var admin = await ProvisioningPageTests.LoginAsync(host, "admin.a");

        var (status, html, _) = await admin.PostFormAsync("/users", "/users?handler=ResetPassword", new Dictionary<string, string> { ["name"] = "nurse.jones" });
        string password = NewPassword().Match(html).Groups[1].Value;
        using var nurse = new ConsoleBrowser(host.Host);
        var oldOne = await nurse.LoginAsync("nurse.jones", Password);
        var newOne = await nurse.LoginAsync("nurse.jones", password);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h2 id=\"password-heading\">New password for nurse.jones; any lockout is cleared</h2>", html, StringComparison.Ordinal);
        Assert.Equal(20, password.Length);
        Assert.Contains("were not accepted", oldOne.Html, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Redirect, "/"), (newOne.Status, newOne.Location));
        Assert.DoesNotContain(password, (await admin.GetAsync("/users")).Html, StringComparison.Ordinal);
        Assert.Contains(ProvisioningPageTests.Audit(host), a => a is ("admin.a", "user.reset-password", "user:nurse.jones"));
    }

    [Fact]
    public async Task Staff_AreRefusedTheUsersPage_ItsPosts_AndTheNavLink()
    {
        await using var host = ProvisioningPageTests.StartWithAccounts();
        using var staff = await ProvisioningPageTests.LoginAsync(host, "nurse.jones");

        var get = await staff.GetAsync("/users");
        var add = await staff.PostFormAsync("/", "/users?handler=Add", new Dictionary<string, string> { ["NewName"] = "nurse.sneaky", ["NewRole"] = "admin" });
        var disable = await staff.PostFormAsync("/", "/users?handler=Disable", new Dictionary<string, string> { ["name"] = "admin.a" });
        var reset = await staff.PostFormAsync("/", "/users?handler=ResetPassword", new Dictionary<string, string> { ["name"] = "admin.a" });
        var overview = await staff.GetAsync("/");

        foreach (var answer in new[] { get, add, disable, reset })
        {
            await ProvisioningPageTests.AssertRefusedToStaffAsync(staff, answer);
        }

        Assert.Null(Users(host).Find("nurse.sneaky"));
        Assert.Null(Users(host).Find("admin.a")!.DisabledUtc);
        Assert.DoesNotContain("href=\"/users\"", overview.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(ProvisioningPageTests.Audit(host), a => a.Actor == "nurse.jones" && a.Action.StartsWith("user.", StringComparison.Ordinal));
    }

    private static HubUserStore Users(AlertHost host) => host.Host.Services.GetRequiredService<HubUserStore>();

    private static Task<(HttpStatusCode Status, string Html, string? Location)> AddAsync(ConsoleBrowser admin, string name, string role, string? password)
    {
        var fields = new Dictionary<string, string> { ["NewName"] = name, ["NewRole"] = role };
        if (password != null)
        {
            fields["NewPassword"] = password;
        }

        return admin.PostFormAsync("/users", "/users?handler=Add", fields);
    }

    // One table row: the name as its row header, then the cells in order (the actions cell after them).
    private static Regex Row(string name, string role, string created, string disabled, string lockedUntil) =>
        new($"<th scope=\"row\">{Regex.Escape(name)}</th>\\s*<td>{role}</td>\\s*<td>{created}</td>\\s*<td>{disabled}</td>\\s*<td>{lockedUntil}</td>");

    [GeneratedRegex("id=\"new-password\">([^<]+)<")]
    private static partial Regex NewPassword();
}
