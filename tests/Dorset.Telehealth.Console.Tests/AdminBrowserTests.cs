using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Playwright;

namespace Dorset.Telehealth.Console.Tests;

/// <summary>
/// What only admins may do, in Chromium against a real gateway process: provision a unit for a patient (its secret
/// shown once, its bundle downloaded once), and the same page and its API refused to a staff account.
/// </summary>
public sealed class AdminBrowserTests(ITestOutputHelper output)
{
    private static async Task LogInAsync(IPage page, ConsoleServer server, string name, string password)
    {
        await page.GotoAsync(server.Url + "/login");
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).Not.ToHaveTextAsync("Log in");
    }

    [Fact]
    public async Task Admin_ProvisionsAUnitForAPatient_SeesTheSecretOnce_AndDownloadsTheBundleOnce()
    {
        await using var server = await ConsoleServer.StartAsync();
        await server.AddAdminAsync();
        await using var browser = await Browser.LaunchAsync();
        IPage page = await browser.NewPageAsync();
        await LogInAsync(page, server, ConsoleServer.AdminName, ConsoleServer.AdminPassword);

        await page.GetByRole(AriaRole.Link, new() { Name = "Provisioning" }).ClickAsync();
        Assert.Empty(await Browser.SeriousAccessibilityViolationsAsync(page));
        await page.GetByLabel("Unit id").FillAsync("unit-0042");
        await page.GetByLabel("Patient reference").FillAsync("case-42");
        await page.GetByLabel("Display name").FillAsync("Ada Lovelace");
        await page.GetByLabel("NHS number (optional)").FillAsync("943 476 5919");
        await page.GetByLabel("Serial port (optional, for the flashing lines)").FillAsync("/dev/ttyUSB0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Provision unit" }).ClickAsync();

        string secret = (await page.Locator("#unit-secret").TextContentAsync())!.Trim();
        Assert.True(secret.Length >= 32, $"secret '{secret}'");
        await Assertions.Expect(page.Locator("pre#flashing-commands")).ToContainTextAsync("nanoff");
        output.WriteLine("provisioned: " + await Browser.ScreenshotAsync(page, "provisioned"));
        Assert.Empty(await Browser.SeriousAccessibilityViolationsAsync(page));

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download bundle" }).ClickAsync());
        string zipPath = Path.Combine(Path.GetTempPath(), "bundle-" + Guid.NewGuid().ToString("N") + ".zip");
        await download.SaveAsAsync(zipPath);
        using (ZipArchive zip = ZipFile.OpenRead(zipPath))
        {
            using var config = new StreamReader(zip.Entries.Single(e => e.Name == "unit-config.json").Open());
            Assert.Contains(secret, await config.ReadToEndAsync(), StringComparison.Ordinal);
            Assert.Contains(zip.Entries, e => e.Name == "hub-ca.pem");
        }

        File.Delete(zipPath);
        // Shown once: neither a reload nor a second download gives the secret again.
        await page.GotoAsync(server.Url + "/provisioning");
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        var again = await page.Context.APIRequest.GetAsync(download.Url);
        Assert.NotEqual(200, again.Status);
        await page.GotoAsync(server.Url + "/patients?q=Ada");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Ada Lovelace" })).ToContainTextAsync("943 476 5919");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ada Lovelace" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ada Lovelace (case-42)");
        await Assertions.Expect(page.GetByText("NHS number 943 476 5919.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Staff_CannotReachProvisioning_NorItsApi_FromTheBrowser()
    {
        await using var server = await ConsoleServer.StartAsync();
        await using var browser = await Browser.LaunchAsync();
        IPage page = await browser.NewPageAsync();
        await LogInAsync(page, server, ConsoleServer.StaffName, ConsoleServer.StaffPassword);

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Provisioning" })).ToHaveCountAsync(0);
        var refused = await page.GotoAsync(server.Url + "/provisioning");
        Assert.Equal(403, refused!.Status);
        output.WriteLine("staff refused: " + await Browser.ScreenshotAsync(page, "provisioning-refused-to-staff"));
        Assert.Empty(await Browser.SeriousAccessibilityViolationsAsync(page));

        // The API, called with the staff session's own cookie and antiforgery token, as a script in the page could.
        int status = await page.EvaluateAsync<int>("""
            async () => {
              const session = await (await fetch('/api/session')).json();
              const response = await fetch('/api/units', { method: 'POST', headers: { 'Content-Type': 'application/json', [session.antiforgeryHeader]: session.antiforgeryToken },
                body: JSON.stringify({ unitId: 'unit-0099', patientRef: 'case-99' }) });
              return response.status;
            }
            """);
        Assert.Equal(403, status);
        var units = await page.Context.APIRequest.GetAsync(server.Url + "/api/units");
        Assert.DoesNotContain("unit-0099", await units.TextAsync(), StringComparison.Ordinal);
    }
}
