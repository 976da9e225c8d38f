using System;
using System.Net;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Tests.Fakes;

namespace Dorset.Telehealth.Gateway.Tests.StaffConsole;

/// <summary>The Units, Quarantine and Audit pages, and the admin-only rule: a staff account never sees the audit.</summary>
public sealed class ConsolePagesTests
{
    private const string Password = ConsoleAccounts.Password;

    private static AlertHost StartWithAccounts() => ConsoleAccounts.StartHost();

    [Fact]
    public async Task Audit_IsForAdminsOnly_AndListsTheLogins()
    {
        await using var host = StartWithAccounts();
        using var staff = new ConsoleBrowser(host.Host);
        using var admin = new ConsoleBrowser(host.Host);
        await staff.LoginAsync("nurse.jones", Password);
        await admin.LoginAsync("admin.a", Password);

        var refused = await staff.GetAsync("/audit");
        var (status, html, _) = await admin.GetAsync("/audit");

        Assert.Equal(HttpStatusCode.Redirect, refused.Status);
        Assert.Contains("/denied", refused.Location, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/audit\"", (await staff.GetAsync("/")).Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("login.success", html, StringComparison.Ordinal);
        Assert.Contains("user:nurse.jones", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patients_ShowEachPatientsNewestReadingWithItsUnit_AndTheirOpenAlertLevel_AndSearchFilters()
    {
        await using var host = StartWithAccounts();
        await host.PublishAsync("unit-a", "case-17", UplinkFrames.Glucose(1, 5, "5.6"), UplinkFrames.Glucose(2, 6, "2.8"));
        host.Host.Units.Add("unit-b", "case-18");
        using var browser = new ConsoleBrowser(host.Host);
        await browser.LoginAsync("nurse.jones", Password);

        var all = await browser.GetAsync("/patients");
        var found = await browser.GetAsync("/patients?q=case-18");

        Assert.Contains("2 patient(s)", all.Html, StringComparison.Ordinal);
        Assert.Contains("glucose: glucose 2.8 mmol/L", all.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("glucose 5.6 mmol/L", all.Html, StringComparison.Ordinal);
        Assert.Contains("level-red-urgent", all.Html, StringComparison.Ordinal);
        Assert.Contains("1 patient(s)", found.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("case-17", found.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Units_AndQuarantine_ShowWhatTheHubHolds()
    {
        await using var host = StartWithAccounts();
        await host.PublishAsync("unit-a", "case-17", UplinkFrames.Glucose(1, 5, "5.6"));
        string secret = host.Host.Units.Add("unit-b", "case-18");
        var (client, _) = await UnitClient.ConnectAsync(host.Host.MqttPort, "unit-b", secret);
        await using (client)
        {
            await client.PublishAsync(MqttTopics.Readings("unit-b"), new byte[] { 0xff, 0xfe, 0x00, 0x13 });
        }

        using var browser = new ConsoleBrowser(host.Host);
        await browser.LoginAsync("nurse.jones", Password);
        var units = await browser.GetAsync("/units");
        var quarantine = await browser.GetAsync("/quarantine");

        Assert.Contains("unit-a", units.Html, StringComparison.Ordinal);
        Assert.Contains("case-18", units.Html, StringComparison.Ordinal);
        Assert.Contains("fffe0013", quarantine.Html, StringComparison.Ordinal);
        Assert.Contains("unit-b", quarantine.Html, StringComparison.Ordinal);
    }
}
