using System;
using System.Threading.Tasks;
using Microsoft.Playwright;

namespace Dorset.Telehealth.Console.Tests;

/// <summary>
/// The hub console as a nurse uses it, in Chromium against a real gateway process: log in, see who needs attention,
/// acknowledge with a note; refusals and accessibility (axe-core: no serious or critical violation). Each scenario
/// saves a screenshot under the test output's screenshots/ folder.
/// </summary>
public sealed class ConsoleBrowserTests(ITestOutputHelper output)
{
    private static async Task LogInAsync(IPage page, ConsoleServer server, string password = ConsoleServer.StaffPassword)
    {
        await page.GotoAsync(server.Url + "/");
        await page.GetByLabel("Name").FillAsync(ConsoleServer.StaffName);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
    }

    [Fact]
    public async Task Nurse_LogsIn_SeesTheSpo2AlertOnTheOverview_AndAcknowledgesItWithANote()
    {
        await using var server = await ConsoleServer.StartAsync();
        await server.PublishSpo2Async(1, 91);
        await using var browser = await Browser.LaunchAsync();
        IPage page = await browser.NewPageAsync();

        await LogInAsync(page, server);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Needs attention (2)" })).ToBeVisibleAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "SpO2 91 %" });
        await Assertions.Expect(row).ToContainTextAsync("red-urgent");
        await Assertions.Expect(row).ToContainTextAsync(ConsoleServer.PatientRef);
        output.WriteLine("overview: " + await Browser.ScreenshotAsync(page, "overview"));
        Assert.Empty(await Browser.SeriousAccessibilityViolationsAsync(page));

        await row.GetByLabel("Note").FillAsync("phoned the patient, repeat reading 96 %");
        await row.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Acknowledged: SpO2 91 %");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Needs attention (1)" })).ToBeVisibleAsync();
        output.WriteLine("acknowledged: " + await Browser.ScreenshotAsync(page, "overview-acknowledged"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Alerts" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "acknowledged" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "SpO2 91 %" })).ToContainTextAsync("phoned the patient, repeat reading 96 %");
        output.WriteLine("alerts: " + await Browser.ScreenshotAsync(page, "alerts-acknowledged"));
        Assert.Empty(await Browser.SeriousAccessibilityViolationsAsync(page));

        foreach (string name in new[] { "Patients", "Units", "Quarantine" })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            output.WriteLine(name + ": " + await Browser.ScreenshotAsync(page, name.ToLowerInvariant()));
            Assert.Empty(await Browser.SeriousAccessibilityViolationsAsync(page));
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Audit" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AnAlertRaisedWhileTheOverviewIsOpen_AppearsWithin1sOfThePuback_WithoutAReload()
    {
        await using var server = await ConsoleServer.StartAsync();
        await using var browser = await Browser.LaunchAsync();
        IPage page = await browser.NewPageAsync();
        await LogInAsync(page, server);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Needs attention (0)" })).ToBeVisibleAsync();
        await page.EvaluateAsync("() => { window.notReloaded = true; }");
        // The event stream is open before the reading is published.
        await page.WaitForSelectorAsync("html[data-events='open']", new() { State = WaitForSelectorState.Attached });

        await server.PublishSpo2Async(1, 91);
        var sincePuback = System.Diagnostics.Stopwatch.StartNew();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "SpO2 91 %" })).ToBeVisibleAsync(new() { Timeout = 5000 });
        TimeSpan shown = sincePuback.Elapsed;

        output.WriteLine($"alert on the open overview {shown.TotalMilliseconds:F0} ms after the PUBACK");
        output.WriteLine("live: " + await Browser.ScreenshotAsync(page, "overview-live-alert"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page reloaded");
        Assert.True(shown < TimeSpan.FromSeconds(1), $"shown {shown.TotalMilliseconds:F0} ms after the PUBACK");
    }

    [Fact]
    public async Task WrongPassword_IsRefusedWithoutSayingWhy_AndTheLoginPageIsAccessible()
    {
        await using var server = await ConsoleServer.StartAsync();
        await using var browser = await Browser.LaunchAsync();
        IPage page = await browser.NewPageAsync(768, 1024);

        await LogInAsync(page, server, "not the password");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That name and password were not accepted");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in" })).ToBeVisibleAsync();
        output.WriteLine("login refused: " + await Browser.ScreenshotAsync(page, "login-refused"));
        Assert.Empty(await Browser.SeriousAccessibilityViolationsAsync(page));
    }

    [Fact]
    public async Task PatientPage_ShowsTheTrendWithItsAlert_AndANewReadingAppearsWithoutAReload()
    {
        await using var server = await ConsoleServer.StartAsync();
        DateTime now = DateTime.UtcNow;
        // A week of daily spot-checks: a red-urgent 91 % three days ago, and an amber 93 % yesterday, still open.
        await server.PublishSpo2Async(1, (97, now.AddDays(-6)), (96, now.AddDays(-5)), (95, now.AddDays(-4)), (91, now.AddDays(-3)), (96, now.AddDays(-2)), (93, now.AddDays(-1)));

        await using var browser = await Browser.LaunchAsync();
        IPage page = await browser.NewPageAsync();
        await LogInAsync(page, server);
        await page.GetByRole(AriaRole.Link, new() { Name = "Patients" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = ConsoleServer.PatientRef }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "7 days" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Patient " + ConsoleServer.PatientRef })).ToBeVisibleAsync();
        var chart = page.GetByRole(AriaRole.Img, new() { NameRegex = new System.Text.RegularExpressions.Regex("^SpO2 over the last 7 days: 6 SpO2 readings charted, 91 to 97 %") });
        await Assertions.Expect(chart).ToBeVisibleAsync();
        await Assertions.Expect(chart.Locator("path.mark.level-red-urgent")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Open alerts (1)" })).ToBeVisibleAsync();
        output.WriteLine("patient: " + await Browser.ScreenshotAsync(page, "patient"));
        Assert.Empty(await Browser.SeriousAccessibilityViolationsAsync(page));

        await page.EvaluateAsync("() => { window.notReloaded = true; }");
        await page.WaitForSelectorAsync("html[data-events='open']", new() { State = WaitForSelectorState.Attached });
        await server.PublishSpo2Async(7, 94);
        var sincePuback = System.Diagnostics.Stopwatch.StartNew();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new System.Text.RegularExpressions.Regex("^SpO2 over the last 7 days: 7 SpO2 readings charted.*newest 94 %") }))
            .ToBeVisibleAsync(new() { Timeout = 5000 });
        TimeSpan shown = sincePuback.Elapsed;

        output.WriteLine($"reading on the open patient page {shown.TotalMilliseconds:F0} ms after the PUBACK");
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page reloaded");
        Assert.True(shown < TimeSpan.FromSeconds(1), $"shown {shown.TotalMilliseconds:F0} ms after the PUBACK");

        IPage tablet = await browser.NewPageAsync(768, 1024);
        await LogInAsync(tablet, server);
        await tablet.GotoAsync(server.Url + "/patients/" + ConsoleServer.PatientRef + "?days=7");
        await Assertions.Expect(tablet.GetByRole(AriaRole.Img, new() { NameRegex = new System.Text.RegularExpressions.Regex("^SpO2 over the last 7 days") })).ToBeVisibleAsync();
        output.WriteLine("patient (tablet): " + await Browser.ScreenshotAsync(tablet, "patient-tablet"));
        Assert.Empty(await Browser.SeriousAccessibilityViolationsAsync(tablet));
    }
}
