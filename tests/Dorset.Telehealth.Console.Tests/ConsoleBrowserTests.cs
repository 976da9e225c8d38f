using System;
using System.Threading.Tasks;
using Dorset.Telehealth.HomeUnit.Devices;
using Dorset.Telehealth.HomeUnit.Pairing;
using Dorset.Telehealth.HomeUnit.Sessions;
using Dorset.Telehealth.HomeUnit.Uplink;
using Microsoft.Playwright;

namespace Dorset.Telehealth.Console.Tests;

/// <summary>
/// The hub console as a nurse uses it, in Chromium against a real gateway process: log in, see who needs attention,
/// acknowledge with a note; refusals and accessibility (axe-core: no serious or critical violation). Each scenario
/// saves a screenshot under the test output's screenshots/ folder.
/// </summary>
public sealed class ConsoleBrowserTests(ITestOutputHelper output)
{
    private static async Task LogInAsync(IPage page, ConsoleServer server, string password = ConsoleServer.StaffPassword, string name = ConsoleServer.StaffName)
    {
        await page.GotoAsync(server.Url + "/");
        await page.GetByLabel("Name").FillAsync(name);
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

        // An admin finds the acknowledgement in the audit: who, what, and the note.
        await server.AddAdminAsync();
        IPage admin = await browser.NewPageAsync();
        await LogInAsync(admin, server, ConsoleServer.AdminPassword, ConsoleServer.AdminName);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Audit" }).ClickAsync();
        var entry = admin.GetByRole(AriaRole.Row).Filter(new() { HasText = "alert.acknowledge" });
        await Assertions.Expect(entry).ToContainTextAsync(ConsoleServer.StaffName);
        await Assertions.Expect(entry).ToContainTextAsync("phoned the patient, repeat reading 96 %");
        output.WriteLine("audit: " + await Browser.ScreenshotAsync(admin, "audit"));
        Assert.Empty(await Browser.SeriousAccessibilityViolationsAsync(admin));
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
    public async Task Admin_ConfirmsADeviceTheUnitSeesInPairingMode_FromTheUnitPage_WhichIsAccessibleOnTheHubPcAndATablet()
    {
        await using var server = await ConsoleServer.StartAsync();
        await server.AddAdminAsync();
        await server.PublishSpo2Async(1, 97);
        await server.PublishStatusAsync(StatusInPairingMode());
        await using var browser = await Browser.LaunchAsync();
        IPage page = await browser.NewPageAsync();
        await LogInAsync(page, server, ConsoleServer.AdminPassword, ConsoleServer.AdminName);

        await page.GetByRole(AriaRole.Link, new() { Name = "Units" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = ConsoleServer.UnitId }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Unit " + ConsoleServer.UnitId })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "SpO2 97 %" })).ToContainTextAsync("spo2 97 %, pulse 72 /min");
        var meter = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "C0:26:DA:77:88:99" });
        await Assertions.Expect(meter.GetByLabel("Needs a bond")).ToBeCheckedAsync();
        output.WriteLine("unit pairing: " + await Browser.ScreenshotAsync(page, "unit-pairing"));
        Assert.Empty(await Browser.SeriousAccessibilityViolationsAsync(page));

        await meter.GetByLabel("Slot").SelectOptionAsync("3");
        await meter.GetByRole(AriaRole.Button, new() { Name = "Confirm the glucose-meter" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Paired the glucose-meter C0:26:DA:77:88:99 in slot 3");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "C0:26:DA:77:88:99" }).Filter(new() { HasText = "needs a bond" })).ToContainTextAsync("glucose-meter");
        output.WriteLine("unit paired: " + await Browser.ScreenshotAsync(page, "unit-paired"));
        Assert.Empty(await Browser.SeriousAccessibilityViolationsAsync(page));

        IPage tablet = await browser.NewPageAsync(768, 1024);
        await LogInAsync(tablet, server, ConsoleServer.AdminPassword, ConsoleServer.AdminName);
        await tablet.GotoAsync(server.Url + "/units/" + ConsoleServer.UnitId);
        await Assertions.Expect(tablet.GetByRole(AriaRole.Heading, new() { Name = "Seen in pairing mode (2)" })).ToBeVisibleAsync();
        output.WriteLine("unit on a tablet: " + await Browser.ScreenshotAsync(tablet, "unit-tablet"));
        Assert.Empty(await Browser.SeriousAccessibilityViolationsAsync(tablet));
    }

    /// <summary>The unit's status as its firmware writes it in pairing mode: a glucose meter near, a scale further off.</summary>
    private static byte[] StatusInPairingMode()
    {
        var sessions = new string[DeviceProgress.Slots];
        sessions[0] = SessionResultNames.Name(SessionResult.Completed);
        return new UnitStatus
        {
            State = "online", Firmware = "1.4.2", Battery = 100, Rssi = -58, OutboxDepth = 0, Dropped = 0, ClockSynced = true,
            Candidates = new[]
            {
                new PairingCandidate("C0:26:DA:77:88:99", Dorset.Telehealth.HomeUnit.Ble.BleAddressType.Public, DeviceKind.GlucoseMeter, -45, "Meter 7788"),
                new PairingCandidate("D4:36:39:AA:BB:CC", Dorset.Telehealth.HomeUnit.Ble.BleAddressType.Random, DeviceKind.WeightScale, -80, null),
            },
            Devices = new DeviceHealth[DeviceProgress.Slots],
            Sessions = sessions,
        }.ToJson();
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
