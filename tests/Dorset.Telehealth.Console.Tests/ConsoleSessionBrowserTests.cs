using System;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Accounts;
using Microsoft.Playwright;

namespace Dorset.Telehealth.Console.Tests;

/// <summary>
/// The console's session rules as a browser meets them, against the gateway in process on a fake clock: an idle
/// session sends the browser back to login, five wrong passwords lock the account for 15 minutes, and a form posted
/// without its antiforgery token changes nothing.
/// </summary>
public sealed class ConsoleSessionBrowserTests(ITestOutputHelper output)
{
    private const string Password = "correct horse battery staple";

    private static async Task LogInAsync(IPage page, InProcessConsole console, string password)
    {
        await page.GotoAsync(console.Url + "/login");
        await page.GetByLabel("Name").FillAsync("nurse.jones");
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
    }

    [Fact]
    public async Task ASessionIdleFor31Minutes_IsSentToLogin_AndBackAfterLoggingIn()
    {
        using var console = InProcessConsole.Start();
        console.AddUser("nurse.jones", HubRoles.Staff, Password);
        await using var browser = await Browser.LaunchAsync();
        IPage page = await browser.NewPageAsync();
        await LogInAsync(page, console, Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Needs attention (0)" })).ToBeVisibleAsync();

        console.Time.Advance(TimeSpan.FromMinutes(31));
        await page.GetByRole(AriaRole.Link, new() { Name = "Units" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in" })).ToBeVisibleAsync();
        Assert.Contains("ReturnUrl=%2Funits", page.Url, StringComparison.OrdinalIgnoreCase);
        output.WriteLine("expired: " + await Browser.ScreenshotAsync(page, "session-expired"));
        await page.GetByLabel("Name").FillAsync("nurse.jones");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Units" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_TheRightOneIsRefusedInTheSameWords_UntilFifteenMinutesPass()
    {
        using var console = InProcessConsole.Start();
        console.AddUser("nurse.jones", HubRoles.Staff, Password);
        await using var browser = await Browser.LaunchAsync();
        IPage page = await browser.NewPageAsync();

        for (int attempt = 1; attempt <= HubUserStore.MaxFailedLogins; attempt++)
        {
            await LogInAsync(page, console, "wrong password " + attempt);
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That name and password were not accepted");
        }

        await LogInAsync(page, console, Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That name and password were not accepted");
        output.WriteLine("locked: " + await Browser.ScreenshotAsync(page, "login-locked"));

        console.Time.Advance(HubUserStore.LockoutDuration);
        await LogInAsync(page, console, Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Needs attention (0)" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AnAcknowledgementPostedWithoutItsAntiforgeryToken_IsRefused_AndTheAlertStaysOpen()
    {
        using var console = InProcessConsole.Start();
        console.AddUser("nurse.jones", HubRoles.Staff, Password);
        string secret = console.AddUnit("unit-0001", "case-17");
        await UnitPublisher.PublishSpo2Async(console.MqttPort, "unit-0001", secret, 1, (91, console.Time.GetUtcNow().UtcDateTime));
        await using var browser = await Browser.LaunchAsync();
        IPage page = await browser.NewPageAsync();
        await LogInAsync(page, console, Password);
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "SpO2 91 %" });
        await Assertions.Expect(row).ToBeVisibleAsync();

        // What a forged form from another page would lack: the token bound to this session.
        await row.Locator("input[name=__RequestVerificationToken]").EvaluateAsync("input => input.remove()");
        await row.GetByLabel("Note").FillAsync("phoned the patient");
        var refused = await page.RunAndWaitForResponseAsync(
            () => row.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync(), r => r.Request.Method == "POST");

        Assert.Equal(400, refused.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The console refused that form");
        output.WriteLine("refused post: " + await Browser.ScreenshotAsync(page, "post-without-token"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the overview" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "SpO2 91 %" })).ToContainTextAsync("red-urgent");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).First).ToBeVisibleAsync();
    }
}
