using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Accounts;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Cli;
using Dorset.Telehealth.Gateway.Patients;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;

namespace Dorset.Telehealth.Gateway.Tests.StaffConsole;

/// <summary>
/// The admin's Provisioning page on the real gateway: the unit it registers really connects over MQTT with the secret
/// the page showed once; the bundle is a one-time download for that admin; revoking cuts the unit off; staff are refused.
/// </summary>
public sealed partial class ProvisioningPageTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task Provision_AsAdmin_ShowsASecretOnce_ThatConnectsOverMqtt_AndRegistersThePatient()
    {
        await using var host = StartWithAccounts();
        using var admin = await LoginAsync(host, "admin.a");

        var (status, html, _) = await ProvisionAsync(admin, "unit-1", "P-1", "Jane Doe", "943 476 5919");
        string secret = Secret().Match(html).Groups[1].Value;
        var (client, code) = await UnitClient.ConnectAsync(host.Host.MqttPort, "unit-1", secret);
        await using var _ = client;
        var later = await admin.GetAsync("/provisioning");
        var patients = await admin.GetAsync("/patients");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Unit unit-1 provisioned for Jane Doe (P-1)", html, StringComparison.Ordinal);
        Assert.Equal(MqttClientConnectResultCode.Success, code);
        Assert.DoesNotContain(secret, later.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("unit-secret", later.Html, StringComparison.Ordinal);
        Assert.Contains("Jane Doe", patients.Html, StringComparison.Ordinal);
        Assert.Contains("943 476 5919", patients.Html, StringComparison.Ordinal);
        Assert.Equal(new PatientRecord("P-1", "Jane Doe", "9434765919"), host.Host.Services.GetRequiredService<PatientRegistry>().Find("P-1"));
        Assert.Contains(Audit(host), a => a is ("admin.a", "unit.provision", "unit:unit-1"));
        Assert.Contains(Audit(host), a => a is ("admin.a", "patient.register", "patient:P-1"));
    }

    [Fact]
    public async Task Provision_ShowsTheFlashingLinesOfTheProvisionVerb_ForTheUnzippedBundle()
    {
        await using var host = StartWithAccounts();
        using var admin = await LoginAsync(host, "admin.a");

        var withPort = await ProvisionAsync(admin, "unit-2", null, null, null, "/dev/ttyUSB1", "ESP32_BLE_REV0");
        var withoutPort = await ProvisionAsync(admin, "unit-3", null, null, null);

        string[] lines = FlashingLines(withPort.Html);
        Assert.Equal(ProvisionCommand.Commands("unit-2", "/dev/ttyUSB1", "ESP32_BLE_REV0", ProvisionCommand.DefaultImage, "unit-2-bundle"), lines);
        Assert.Contains("nanoff --target ESP32_BLE_REV0 --serialport /dev/ttyUSB1 --update", lines);
        Assert.Contains("(cd unit-2-bundle && nanoff --serialport /dev/ttyUSB1 --filedeployment deploy.json)", lines);
        Assert.Contains("nanoff --target ESP32_BLE_REV0 --serialport PORT --update", FlashingLines(withoutPort.Html));
        Assert.Contains("Replace PORT with the board&#x27;s serial port", withoutPort.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provision_OnAHubWhoseAddressForUnitsIsNotSet_IsRefusedSayingHowToSetIt_AndRegistersNothing()
    {
        await using var host = StartWithAccounts(new Dictionary<string, string?>());
        using var admin = await LoginAsync(host, "admin.a");

        var (status, html, _) = await ProvisionAsync(admin, "unit-9", "P-9", "Jane Doe", null, "/dev/ttyUSB0");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Refused: the hub&#x27;s address for units is not set: set BrokerOptions:HostNames", html, StringComparison.Ordinal);
        Assert.DoesNotContain("unit-secret", html, StringComparison.Ordinal);
        Assert.Null(host.Host.Services.GetRequiredService<UnitRegistry>().Find("unit-9"));
    }

    [Fact]
    public async Task Provision_APortThatIsNoSerialDevice_IsRefused_AndRegistersNothing()
    {
        await using var host = StartWithAccounts();
        using var admin = await LoginAsync(host, "admin.a");

        var (_, html, _) = await ProvisionAsync(admin, "unit-10", null, null, null, "/dev/../etc/passwd");

        Assert.Contains("Refused: --port must be a serial device", html, StringComparison.Ordinal);
        Assert.Null(host.Host.Services.GetRequiredService<UnitRegistry>().Find("unit-10"));
    }

    [Fact]
    public async Task Bundle_DownloadsOnce_ForTheAdminWhoProvisioned_AndIsRefusedToStaffToAnotherAdminAndWithoutASession()
    {
        await using var host = StartWithAccounts();
        using var admin = await LoginAsync(host, "admin.a");
        using var otherAdmin = await LoginAsync(host, "admin.b");
        using var staff = await LoginAsync(host, "nurse.jones");
        using var anonymous = new ConsoleBrowser(host.Host);
        var (_, html, _) = await ProvisionAsync(admin, "unit-4", "P-4", "John Roe", null);
        string secret = Secret().Match(html).Groups[1].Value;
        string link = WebUtility.HtmlDecode(BundleLink().Match(html).Groups[1].Value);
        Assert.Matches("^/provisioning\\?(?=.*\\bhandler=Bundle\\b)(?=.*\\btoken=[0-9a-f]{64}\\b)", link);

        var noSession = await anonymous.GetAsync(link);
        var asStaff = await staff.GetAsync(link);
        var asOtherAdmin = await otherAdmin.GetAsync(link);
        using var download = await admin.GetResponseAsync(link);
        byte[] zip = await download.Content.ReadAsByteArrayAsync();
        var again = await admin.GetAsync(link);

        Assert.Equal(HttpStatusCode.Redirect, noSession.Status);
        Assert.Contains("/login", noSession.Location, StringComparison.Ordinal);
        await AssertRefusedToStaffAsync(staff, asStaff);
        Assert.Equal(HttpStatusCode.NotFound, asOtherAdmin.Status);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("unit-4-bundle.zip", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
        Assert.True(download.Headers.CacheControl?.NoStore);
        Assert.Equal(HttpStatusCode.NotFound, again.Status);

        using var archive = new ZipArchive(new MemoryStream(zip));
        Assert.Equal(new[] { "unit-4-bundle/deploy.json", "unit-4-bundle/hub-ca.pem", "unit-4-bundle/unit-config.json" }, archive.Entries.Select(e => e.FullName).Order().ToArray());
        // The deployment list names its files relative to the bundle's folder, where its flashing line runs nanoff.
        using (var deploy = new StreamReader(archive.GetEntry("unit-4-bundle/deploy.json")!.Open()))
        {
            string list = await deploy.ReadToEndAsync();
            Assert.Contains("\"SourceFilePath\": \"unit-config.json\"", list, StringComparison.Ordinal);
            Assert.Contains("\"DestinationFilePath\": \"I:\\\\unit-config.json\"", list, StringComparison.Ordinal);
        }

        ZipArchiveEntry config = archive.GetEntry("unit-4-bundle/unit-config.json")!;
        using (var json = JsonDocument.Parse(config.Open()))
        {
            Assert.Equal(("unit-4", secret), (json.RootElement.GetProperty("mqtt").GetProperty("username").GetString(), json.RootElement.GetProperty("mqtt").GetProperty("password").GetString()));
            Assert.Equal("127.0.0.1", json.RootElement.GetProperty("mqtt").GetProperty("host").GetString());
        }

        Assert.Equal(Convert.ToInt32("600", 8), (config.ExternalAttributes >> 16) & Convert.ToInt32("777", 8));
        using (var ca = new StreamReader(archive.GetEntry("unit-4-bundle/hub-ca.pem")!.Open()))
        {
            Assert.Equal(File.ReadAllText(Path.Combine(host.Host.DataDir, "tls", "hub-ca.pem")), await ca.ReadToEndAsync());
        }

        Assert.False(Directory.Exists(Path.Combine(host.Host.DataDir, "provisioning")));
        Assert.Single(Audit(host), a => a is ("admin.a", "unit.bundle-download", "unit:unit-4"));
    }

    [Fact]
    public async Task Provision_InvalidNhsNumber_IsRefusedWithTheMessage_AndRegistersNothing()
    {
        await using var host = StartWithAccounts();
        using var admin = await LoginAsync(host, "admin.a");

        var (status, html, _) = await ProvisionAsync(admin, "unit-5", "P-5", "Jane Doe", "943 476 5918");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Refused: NHS number 943 476 5918 is not valid: its check digit is wrong (mistyped?)", html, StringComparison.Ordinal);
        Assert.Contains("value=\"unit-5\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("unit-secret", html, StringComparison.Ordinal);
        Assert.Null(host.Host.Units.Find("unit-5"));
        Assert.Null(host.Host.Services.GetRequiredService<PatientRegistry>().Find("P-5"));
        Assert.DoesNotContain(Audit(host), a => a.Action is "unit.provision" or "patient.register");
    }

    [Fact]
    public async Task Revoke_NeedsTheConfirmation_ThenDisconnectsTheUnit_WhichCannotConnectAgain()
    {
        await using var host = StartWithAccounts();
        using var admin = await LoginAsync(host, "admin.a");
        string secret = Secret().Match((await ProvisionAsync(admin, "unit-6", "P-6", "Jane Doe", null)).Html).Groups[1].Value;
        var (client, code) = await UnitClient.ConnectAsync(host.Host.MqttPort, "unit-6", secret);
        await using var _ = client;
        Assert.Equal(MqttClientConnectResultCode.Success, code);

        var unconfirmed = await admin.PostFormAsync("/provisioning", "/provisioning?handler=Revoke", new Dictionary<string, string> { ["RevokeUnit"] = "unit-6" });
        Assert.Contains("tick the confirmation", unconfirmed.Html, StringComparison.Ordinal);
        Assert.False(host.Host.Units.Find("unit-6")!.IsRevoked);

        var confirmed = await admin.PostFormAsync("/provisioning", "/provisioning?handler=Revoke",
            new Dictionary<string, string> { ["RevokeUnit"] = "unit-6", ["ConfirmRevoke"] = "true" });
        var after = await admin.GetAsync(confirmed.Location!);
        await client.WaitForDisconnectAsync(TimeSpan.FromSeconds(15));
        var (again, againCode) = await UnitClient.ConnectAsync(host.Host.MqttPort, "unit-6", secret);
        await using var __ = again;

        Assert.Equal(HttpStatusCode.Redirect, confirmed.Status);
        Assert.Contains("Revoked unit-6: the hub refuses it from now on", after.Html, StringComparison.Ordinal);
        Assert.NotEqual(MqttClientConnectResultCode.Success, againCode);
        Assert.Contains(Audit(host), a => a is ("admin.a", "unit.revoke", "unit:unit-6"));
    }

    [Fact]
    public async Task Staff_AreRefusedTheProvisioningPage_ItsPosts_AndTheNavLink()
    {
        await using var host = StartWithAccounts();
        string secret = host.Host.Units.Add("unit-7", "P-7");
        using var staff = await LoginAsync(host, "nurse.jones");

        var get = await staff.GetAsync("/provisioning");
        // Any page's form carries the session's antiforgery token (the layout's logout form): the refusal is the role's.
        var provision = await staff.PostFormAsync("/", "/provisioning?handler=Provision", new Dictionary<string, string> { ["UnitId"] = "unit-8", ["Target"] = "ESP32_BLE_REV3" });
        var revoke = await staff.PostFormAsync("/", "/provisioning?handler=Revoke", new Dictionary<string, string> { ["RevokeUnit"] = "unit-7", ["ConfirmRevoke"] = "true" });
        var overview = await staff.GetAsync("/");

        await AssertRefusedToStaffAsync(staff, get);
        await AssertRefusedToStaffAsync(staff, provision);
        await AssertRefusedToStaffAsync(staff, revoke);
        Assert.Null(host.Host.Units.Find("unit-8"));
        Assert.True(host.Host.Units.VerifyCredentials("unit-7", secret));
        Assert.DoesNotContain("href=\"/provisioning\"", overview.Html, StringComparison.Ordinal);
    }

    /// <summary>The hub's address for units these tests provision with (issue 13 item 12: never left to the machine name).</summary>
    internal static readonly Dictionary<string, string?> LoopbackHubAddress = new() { ["BrokerOptions:HostNames:0"] = "127.0.0.1" };

    internal static AlertHost StartWithAccounts(IDictionary<string, string?>? settings = null)
    {
        var host = AlertHost.Start(settings: settings ?? LoopbackHubAddress);
        var users = host.Host.Services.GetRequiredService<HubUserStore>();
        users.Add("nurse.jones", HubRoles.Staff, Password, "test", AlertHost.FrameTime);
        users.Add("admin.a", HubRoles.Admin, Password, "test", AlertHost.FrameTime);
        users.Add("admin.b", HubRoles.Admin, Password, "test", AlertHost.FrameTime);
        return host;
    }

    internal static async Task<ConsoleBrowser> LoginAsync(AlertHost host, string name)
    {
        var browser = new ConsoleBrowser(host.Host);
        var (status, _, location) = await browser.LoginAsync(name, Password);
        Assert.Equal((HttpStatusCode.Redirect, "/"), (status, location));
        return browser;
    }

    /// <summary>A staff request for an admin page ends on the "not for this account" page, answered 403.</summary>
    internal static async Task AssertRefusedToStaffAsync(ConsoleBrowser staff, (HttpStatusCode Status, string Html, string? Location) answer)
    {
        Assert.Equal(HttpStatusCode.Redirect, answer.Status);
        Assert.Contains("/denied", answer.Location, StringComparison.Ordinal);
        var (status, html, _) = await staff.GetAsync(answer.Location!);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("Not for this account", html, StringComparison.Ordinal);
    }

    internal static List<(string Actor, string Action, string Subject)> Audit(AlertHost host) =>
        AuditLog.Read(host.Host.Services.GetRequiredService<GatewayDatabase>(), null, 100).Select(a => (a.Actor, a.Action, a.Subject)).ToList();

    private static Task<(HttpStatusCode Status, string Html, string? Location)> ProvisionAsync(ConsoleBrowser admin, string unitId, string? patientRef,
        string? name, string? nhs, string? port = null, string target = ProvisionCommand.DefaultTarget)
    {
        var fields = new Dictionary<string, string> { ["UnitId"] = unitId, ["Target"] = target };
        foreach (var (field, value) in new[] { ("PatientRef", patientRef), ("DisplayName", name), ("NhsNumber", nhs), ("SerialPort", port) })
        {
            if (value != null)
            {
                fields[field] = value;
            }
        }

        return admin.PostFormAsync("/provisioning", "/provisioning?handler=Provision", fields);
    }

    private static string[] FlashingLines(string html) =>
        WebUtility.HtmlDecode(Flashing().Match(html).Groups[1].Value).Split('\n');

    [GeneratedRegex("id=\"unit-secret\">([^<]+)<")]
    private static partial Regex Secret();

    [GeneratedRegex("<a [^>]*href=\"([^\"]+)\"[^>]*>Download bundle</a>")]
    private static partial Regex BundleLink();

    [GeneratedRegex("<pre id=\"flashing-commands\">([^<]*)</pre>", RegexOptions.Singleline)]
    private static partial Regex Flashing();
}
