using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Accounts;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Dorset.Telehealth.Gateway.Tests.StaffConsole;

/// <summary>
/// The console's sessions against the real gateway on a fake clock: login, lockout, antiforgery, idle and absolute
/// expiry, and acknowledging an alert from the overview with a note, recorded as the logged-in user.
/// </summary>
public sealed class ConsoleAccessTests
{
    private const string Password = "correct horse battery";

    private static AlertHost StartWithStaff()
    {
        var host = AlertHost.Start();
        Assert.Null(host.Host.Services.GetRequiredService<HubUserStore>().Add("nurse.jones", HubRoles.Staff, Password, "test", AlertHost.FrameTime));
        return host;
    }

    [Fact]
    public async Task Overview_WithoutASession_RedirectsToLogin()
    {
        await using var host = StartWithStaff();
        using var browser = new ConsoleBrowser(host.Host);

        var (status, _, location) = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.StartsWith("http://localhost/login", location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_ThenTheOverviewNamesTheAlert_AndAcknowledgingWithANoteRecordsWhoDidIt()
    {
        await using var host = StartWithStaff();
        await host.PublishAsync("unit-a", "case-17", UplinkFrames.Glucose(1, 5, "2.9"));
        string id = host.Alerts.List(null, null, null).Single().Id;
        using var browser = new ConsoleBrowser(host.Host);

        var login = await browser.LoginAsync("nurse.jones", Password);
        var (status, overview, _) = await browser.GetAsync("/");
        var ack = await browser.PostFormAsync("/", "/?handler=Acknowledge", new Dictionary<string, string> { ["id"] = id, ["note"] = "phoned; ate biscuits" });
        var after = await browser.GetAsync(ack.Location!);

        Assert.Equal((HttpStatusCode.Redirect, "/"), (login.Status, login.Location));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Needs attention (1)", overview, StringComparison.Ordinal);
        Assert.Contains("case-17", overview, StringComparison.Ordinal);
        // One click from the alert to the person and to the unit.
        Assert.Contains("<a href=\"/patients/case-17\">case-17</a>", overview, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/units/unit-a\">unit-a</a>", overview, StringComparison.Ordinal);
        Assert.Contains("glucose 2.9 mmol/L", overview, StringComparison.Ordinal);
        Assert.Contains("Alerts support, and do not replace, clinical judgement.", overview, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, ack.Status);
        Assert.Contains("Needs attention (0)", after.Html, StringComparison.Ordinal);
        Assert.Contains("Acknowledged: glucose 2.9 mmol/L", after.Html, StringComparison.Ordinal);
        Assert.Equal(new AlertAcknowledgement("nurse.jones", AlertHost.FrameTime, "phoned; ate biscuits"), host.Alerts.Get(id)!.Acknowledged);
    }

    [Fact]
    public async Task Acknowledge_WithoutANote_OrWithoutTheAntiforgeryToken_IsRefused()
    {
        await using var host = StartWithStaff();
        await host.PublishAsync("unit-a", "case-17", UplinkFrames.Glucose(1, 5, "2.9"));
        string id = host.Alerts.List(null, null, null).Single().Id;
        using var browser = new ConsoleBrowser(host.Host);
        await browser.LoginAsync("nurse.jones", Password);

        var noNoteRedirect = await browser.PostFormAsync("/", "/?handler=Acknowledge", new Dictionary<string, string> { ["id"] = id, ["note"] = " " });
        var noNote = await browser.GetAsync(noNoteRedirect.Location!);
        var noToken = await browser.PostFormAsync("/", "/?handler=Acknowledge", new Dictionary<string, string> { ["id"] = id, ["note"] = "ok" }, withToken: false);

        Assert.Contains("Acknowledging needs a note", noNote.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.Status);
        Assert.Null(host.Alerts.Get(id)!.Acknowledged);
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_TheRightOneIsThenRefusedInTheSameWords_AndEachAttemptIsAudited()
    {
        await using var host = StartWithStaff();
        using var browser = new ConsoleBrowser(host.Host);

        for (int i = 0; i < HubUserStore.MaxFailedLogins; i++)
        {
            var wrong = await browser.LoginAsync("nurse.jones", "guess " + i);
            Assert.Contains("That name and password were not accepted", wrong.Html, StringComparison.Ordinal);
        }

        var locked = await browser.LoginAsync("nurse.jones", Password);
        var unknown = await browser.LoginAsync("nobody", Password);

        Assert.Equal(HttpStatusCode.OK, locked.Status);
        Assert.Contains("That name and password were not accepted", locked.Html, StringComparison.Ordinal);
        Assert.Contains("That name and password were not accepted", unknown.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).Status);
        var audit = AuditLog.Read(host.Host.Services.GetRequiredService<GatewayDatabase>(), "user:nurse.jones", 20);
        Assert.Equal(HubUserStore.MaxFailedLogins + 1, audit.Count(a => a.Action == "login.failure"));
        Assert.Contains("LockedOut", audit[0].NewJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogOut_WithTheFormOnEveryPage_EndsTheSession()
    {
        await using var host = StartWithStaff();
        using var browser = new ConsoleBrowser(host.Host);
        await browser.LoginAsync("nurse.jones", Password);

        var logout = await browser.PostFormAsync("/patients", "/logout", new Dictionary<string, string>());
        var (status, _, location) = await browser.GetAsync("/patients");

        Assert.Equal((HttpStatusCode.Redirect, "/login"), (logout.Status, logout.Location));
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Contains("/login", location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_EndsAfter30IdleMinutes()
    {
        await using var host = StartWithStaff();
        using var browser = new ConsoleBrowser(host.Host);
        await browser.LoginAsync("nurse.jones", Password);

        host.Time.Advance(TimeSpan.FromMinutes(29));
        var active = await browser.GetAsync("/");
        host.Time.Advance(TimeSpan.FromMinutes(31));
        var idle = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, active.Status);
        Assert.Equal(HttpStatusCode.Redirect, idle.Status);
    }

    [Fact]
    public async Task Session_EndsTwelveHoursAfterLogin_HoweverActive()
    {
        await using var host = StartWithStaff();
        using var browser = new ConsoleBrowser(host.Host);
        await browser.LoginAsync("nurse.jones", Password);

        for (int i = 0; i < 35; i++)
        {
            host.Time.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).Status);
        }

        host.Time.Advance(TimeSpan.FromMinutes(20));
        var (status, _, location) = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Contains("/login", location, StringComparison.Ordinal);
    }
}
