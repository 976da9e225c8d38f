using System;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Accounts;
using Microsoft.Playwright;

namespace Dorset.Telehealth.Console.Tests;

/// <summary>
/// An open patient page redraws for its own patient's readings, not for every reading of the hub (with 2,000 units a
/// page that redrew for each would be fetched all day): another unit's reading and then the patient's own arrive on
/// the stream in that order, and the page fetches itself once.
/// </summary>
public sealed class LiveUpdateBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task APatientPage_RedrawsForItsOwnUnitsReading_AndNotForAnotherUnits()
    {
        using var console = InProcessConsole.Start();
        console.AddUser("nurse.jones", HubRoles.Staff, "correct horse battery staple");
        string own = console.AddUnit("unit-a", "case-a");
        string other = console.AddUnit("unit-b", "case-b");
        DateTime now = console.Time.GetUtcNow().UtcDateTime;
        await UnitPublisher.PublishSpo2Async(console.MqttPort, "unit-a", own, 1, (97, now.AddHours(-2)));
        await using var browser = await Browser.LaunchAsync();
        IPage page = await browser.NewPageAsync();
        await page.GotoAsync(console.Url + "/login?ReturnUrl=%2Fpatients%2Fcase-a%3Fdays%3D7");
        await page.GetByLabel("Name").FillAsync("nurse.jones");
        await page.GetByLabel("Password").FillAsync("correct horse battery staple");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Patient case-a" })).ToBeVisibleAsync();
        await page.WaitForSelectorAsync("html[data-events='open']", new() { State = WaitForSelectorState.Attached });
        await page.EvaluateAsync("() => { window.redraws = 0; const fetchPage = window.fetch; window.fetch = (...args) => { window.redraws++; return fetchPage(...args); }; }");

        // A normal reading: an alert change anywhere does redraw (alerts are rare, and the feed names them by id only).
        await UnitPublisher.PublishSpo2Async(console.MqttPort, "unit-b", other, 1, (97, now));
        await UnitPublisher.PublishSpo2Async(console.MqttPort, "unit-a", own, 2, (95, now));

        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new System.Text.RegularExpressions.Regex("^SpO2 over the last 7 days: 2 SpO2 readings charted.*newest 95 %") }))
            .ToBeVisibleAsync(new() { Timeout = 5000 });
        int redraws = await page.EvaluateAsync<int>("() => window.redraws");
        output.WriteLine($"redraws after another unit's reading and then the patient's own: {redraws}");
        Assert.Equal(1, redraws);
    }
}
