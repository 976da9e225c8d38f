using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Accounts;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.TestSupport;
using Dorset.Telehealth.HomeUnit.Config;
using Dorset.Telehealth.HomeUnit.Devices;
using Dorset.Telehealth.HomeUnit.Sessions;
using Dorset.Telehealth.HomeUnit.Uplink;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using FirmwarePairedDevice = Dorset.Telehealth.HomeUnit.Devices.PairedDevice;
using PairedDevice = Dorset.Telehealth.Gateway.Storage.PairedDevice;
using UnitCandidate = Dorset.Telehealth.HomeUnit.Pairing.PairingCandidate;

namespace Dorset.Telehealth.Gateway.Tests.StaffConsole;

/// <summary>
/// A unit's page against the real gateway: the unit connects through the broker, publishes the status document the
/// firmware builds (its own <see cref="UnitStatus"/>) in pairing mode and two readings; the page shows them; an admin
/// confirms a candidate and the unit, subscribed to its own config, receives a retained config that the firmware's own
/// parser reads with the device in it; the audit names the admin; a staff post is 403; an unknown unit is 404.
/// </summary>
public sealed class UnitDetailPageTests
{
    private const string Password = "correct horse battery";
    private const string UnitId = "unit-7";
    private const string Meter = "C0:26:DA:01:02:03";
    private const string Cuff = "00:5F:BF:11:22:33";
    private const string Oximeter = "00:1C:05:12:34:56";
    private const string Scale = "D4:36:39:AA:BB:CC";
    private const string ConfirmAction = "/units/unit-7?handler=Confirm";

    [Fact]
    public async Task Page_ShowsTheStatus_PairedDevicesWithTheirLastSession_TheCandidates_AndRecentReadingsWithTheirUnitsAndTimes()
    {
        await using var unit = await PairingUnit.StartAsync();
        using var staff = await unit.LoginAsync("nurse.jones");

        var (status, html, _) = await staff.GetAsync("/units/unit-7");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Unit unit-7", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/patients/case-21\">case-21</a>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>State</dt><dd>online</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Last seen</dt><dd>Tue 24 Nov 08:00", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Firmware</dt><dd>1.4.2</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Battery</dt><dd>100 %</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Wi-Fi signal</dt><dd>-61 dBm</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Outbox</dt><dd>3 reading(s) waiting", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Dropped</dt><dd>2 reading(s) lost", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Clock</dt><dd>NOT synchronised", html, StringComparison.Ordinal);

        string meter = Row(html, "<td>" + Meter + "</td>");
        Assert.Contains("glucose-meter", meter, StringComparison.Ordinal);
        Assert.Contains("Roche Accu-Chek Guide", meter, StringComparison.Ordinal);
        Assert.Contains("64 %", meter, StringComparison.Ordinal);
        Assert.Contains("completed", meter, StringComparison.Ordinal);
        Assert.DoesNotContain("Needs attention", meter, StringComparison.Ordinal);
        string cuff = Row(html, "<td>" + Cuff + "</td>");
        Assert.Contains("blood-pressure-monitor", cuff, StringComparison.Ordinal);
        Assert.Contains("Needs attention: bond-failed", cuff, StringComparison.Ordinal);
        Assert.Contains("a meter that wants a PIN", cuff, StringComparison.Ordinal);

        Assert.Contains("Seen in pairing mode (2)", html, StringComparison.Ordinal);
        string oximeter = Row(html, Oximeter);
        Assert.Contains("pulse-oximeter", oximeter, StringComparison.Ordinal);
        Assert.Contains("Nonin3230", oximeter, StringComparison.Ordinal);
        Assert.Contains("-48 dBm", oximeter, StringComparison.Ordinal);
        Assert.Contains("an admin confirms it", oximeter, StringComparison.Ordinal);
        Assert.Contains("no name advertised", Row(html, Scale), StringComparison.Ordinal);
        Assert.True(html.IndexOf(Oximeter, StringComparison.Ordinal) < html.IndexOf(Scale, StringComparison.Ordinal), "nearest candidate first");
        Assert.DoesNotContain("handler=Confirm", html, StringComparison.Ordinal);

        Assert.Contains("Recent readings (2, newest first)", html, StringComparison.Ordinal);
        string newest = Row(html, "glucose 7.2 mmol/L");
        Assert.Contains("2026-11-24 08:00:00 (device clock)", newest, StringComparison.Ordinal);
        Assert.Contains("Tue 24 Nov 08:00", newest, StringComparison.Ordinal);
        Assert.Contains("slot 0, " + Meter, newest, StringComparison.Ordinal);
        Assert.True(html.IndexOf("glucose 7.2 mmol/L", StringComparison.Ordinal) < html.IndexOf("glucose 5.6 mmol/L", StringComparison.Ordinal), "newest first");
    }

    [Fact]
    public async Task AdminConfirmsACandidate_TheUnitReceivesARetainedConfigListingIt_AndTheAuditNamesTheAdmin()
    {
        await using var unit = await PairingUnit.StartAsync();
        using var admin = await unit.LoginAsync("admin.a");
        var form = await admin.GetAsync("/units/unit-7");

        var confirm = await admin.PostFormAsync("/units/unit-7", ConfirmAction, new Dictionary<string, string> { ["address"] = Oximeter, ["slot"] = "1" });
        var after = await admin.GetAsync(confirm.Location!);

        Assert.Contains("handler=Confirm", form.Html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"1\">1</option>", form.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<option value=\"0\">", form.Html, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Redirect, "/units/unit-7"), (confirm.Status, confirm.Location));
        Assert.Contains("Paired the pulse-oximeter " + Oximeter + " in slot 1", after.Html, StringComparison.Ordinal);
        Assert.Contains(Rows(after.Html), r => r.Contains(Oximeter, StringComparison.Ordinal) && r.Contains("paired in slot 1", StringComparison.Ordinal));
        Assert.Contains("Paired devices (3)", after.Html, StringComparison.Ordinal);

        // The unit's own session gets the new config as the broker publishes it...
        await Eventually.TrueAsync(() => unit.Client.Received.Any(m => ListsTheOximeter(m)), TimeSpan.FromSeconds(15), "the new config reaches the connected unit");
        // ...and it is retained: a unit that connects afterwards gets it on subscribing, and the firmware's parser reads it.
        var (late, _) = await UnitClient.ConnectAsync(unit.Host.Host.MqttPort, UnitId, unit.Secret, clientId: UnitId + "-late");
        await using (late)
        {
            Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await late.SubscribeAsync(MqttTopics.Config(UnitId)));
            await Eventually.TrueAsync(() => !late.Received.IsEmpty, TimeSpan.FromSeconds(5), "the retained config");
            Assert.True(late.Received.TryPeek(out var retained));
            Assert.True(retained.Retain);
            FirmwarePairedDevice[] devices = FirmwareDevices(retained);
            Assert.Equal(new[] { 0, 1, 2 }, devices.Select(d => d.Slot).OrderBy(s => s));
            FirmwarePairedDevice oximeter = devices.Single(d => d.Slot == 1);
            Assert.Equal((Oximeter, DeviceKind.PulseOximeter, false), (oximeter.Address, oximeter.Kind, oximeter.NeedsBond));
        }

        AuditEntry audit = AuditLog.Read(unit.Database, "unit:unit-7", 10)[0];
        Assert.Equal(("admin.a", UnitPairing.PairAction, AlertHost.FrameTime), (audit.Actor, audit.Action, audit.AtUtc));
        Assert.DoesNotContain(Oximeter, audit.OldJson, StringComparison.Ordinal);
        Assert.Contains(Oximeter, audit.NewJson, StringComparison.Ordinal);
        Assert.Contains(Meter, audit.OldJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffConfirm_IsRefused403_AndChangesNothing()
    {
        await using var unit = await PairingUnit.StartAsync();
        using var staff = await unit.LoginAsync("nurse.jones");
        string before = unit.Host.Host.Units.Find(UnitId)!.ConfigJson;

        var refused = await staff.PostFormAsync("/units/unit-7", ConfirmAction, new Dictionary<string, string> { ["address"] = Oximeter, ["slot"] = "1" });

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("Confirming a device is for hub admins", refused.Html, StringComparison.Ordinal);
        Assert.Equal(before, unit.Host.Host.Units.Find(UnitId)!.ConfigJson);
        Assert.DoesNotContain(AuditLog.Read(unit.Database, "unit:unit-7", 10), a => a.Actor == "nurse.jones");
    }

    [Theory]
    [InlineData("AA:BB:CC:DD:EE:FF", "1", "", "unit-7 does not report AA:BB:CC:DD:EE:FF in pairing mode now")]
    [InlineData(Oximeter, "0", "", "slot 0 of unit-7 already holds the glucose-meter " + Meter)]
    [InlineData(Oximeter, "16", "", "slot must be 0..15")]
    [InlineData(Oximeter, "", "", "choose a slot 0..15 for the pulse-oximeter")]
    [InlineData(Oximeter, "1", "3", "a scale user number is for a weight-scale only")]
    [InlineData(Scale, "1", "255", "must be 0..254 (255 means an unknown user)")]
    [InlineData(Scale, "1", "99999999999", "the slot and the scale user number must be whole numbers")]
    [InlineData(Oximeter, "one", "", "the slot and the scale user number must be whole numbers")]
    [InlineData("C0:26:DA:01:02:03:04:05:06:07", "1", "", "the device's address must be six hex octets with colons")]
    public async Task AdminConfirm_OfSomethingThatCannotBePaired_SaysWhy_AndChangesNothing(string address, string slot, string scaleUser, string why)
    {
        await using var unit = await PairingUnit.StartAsync();
        using var admin = await unit.LoginAsync("admin.a");
        string before = unit.Host.Host.Units.Find(UnitId)!.ConfigJson;

        var refused = await admin.PostFormAsync("/units/unit-7", ConfirmAction,
            new Dictionary<string, string> { ["address"] = address, ["slot"] = slot, ["scaleUser"] = scaleUser });
        var page = await admin.GetAsync(refused.Location!);

        Assert.Equal(HttpStatusCode.Redirect, refused.Status);
        Assert.Contains("Not paired: ", page.Html, StringComparison.Ordinal);
        Assert.Contains(HtmlEncoder.Default.Encode(why), page.Html, StringComparison.Ordinal);
        Assert.Equal(before, unit.Host.Host.Units.Find(UnitId)!.ConfigJson);
        Assert.DoesNotContain(AuditLog.Read(unit.Database, "unit:unit-7", 10), a => a.Actor == "admin.a");
    }

    [Fact]
    public async Task UnknownUnit_Is404WithAClearMessage_ForAPageAndForAConfirm()
    {
        await using var unit = await PairingUnit.StartAsync();
        using var admin = await unit.LoginAsync("admin.a");

        var unknown = await admin.GetAsync("/units/unit-nope");
        var notAnId = await admin.GetAsync("/units/not%20a%20unit");
        var confirm = await admin.PostFormAsync("/units/unit-nope", "/units/unit-nope?handler=Confirm", new Dictionary<string, string> { ["address"] = Oximeter, ["slot"] = "1" });

        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains(HtmlEncoder.Default.Encode("No unit 'unit-nope' is registered at this hub."), unknown.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, notAnId.Status);
        Assert.Contains("That is not a unit id", notAnId.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, confirm.Status);
    }

    [Fact]
    public async Task Overview_ListsTheDeviceNeedingAttention_WithALinkToItsUnit_AndTheUnitsListLinksEachUnit()
    {
        await using var unit = await PairingUnit.StartAsync();
        using var staff = await unit.LoginAsync("nurse.jones");

        var overview = await staff.GetAsync("/");
        var units = await staff.GetAsync("/units");

        Assert.Contains("Needs attention (1)", overview.Html, StringComparison.Ordinal);
        string row = Row(overview.Html, "blood-pressure-monitor (slot 2) bond-failed");
        Assert.Contains("case-21", row, StringComparison.Ordinal);
        Assert.Contains("Tue 24 Nov 08:00", row, StringComparison.Ordinal);
        Assert.Contains("href=\"/units/unit-7#devices\"", row, StringComparison.Ordinal);
        Assert.Contains("href=\"/units/unit-7\"", Row(units.Html, "case-21"), StringComparison.Ordinal);
    }

    /// <summary>The one table row of <paramref name="html"/> that contains <paramref name="text"/>.</summary>
    private static string Row(string html, string text) => Assert.Single(Rows(html), r => r.Contains(text, StringComparison.Ordinal));

    private static IEnumerable<string> Rows(string html) =>
        Regex.Matches(html, "<tr>.*?</tr>", RegexOptions.Singleline).Select(m => m.Value);

    private static FirmwarePairedDevice[] FirmwareDevices(MqttApplicationMessage message)
    {
        Assert.True(PairedDeviceList.TryParse(message.ConvertPayloadToString(), out FirmwarePairedDevice[] devices, out string error), error);
        return devices;
    }

    private static bool ListsTheOximeter(MqttApplicationMessage message) =>
        message.Topic == MqttTopics.Config(UnitId) && FirmwareDevices(message).Any(d => d.Address == Oximeter && d.Slot == 1);

    /// <summary>
    /// The gateway with a staff and an admin account, and unit-7 (case-21) connected with a glucose meter and a
    /// blood-pressure cuff paired, subscribed to its config, in pairing mode: its status says the meter's last session
    /// completed and the cuff's failed to bond, and lists an oximeter close by and a scale further off. Then two readings.
    /// </summary>
    private sealed class PairingUnit : IAsyncDisposable
    {
        private PairingUnit(AlertHost host, UnitClient client, string secret)
        {
            Host = host;
            Client = client;
            Secret = secret;
        }

        public AlertHost Host { get; }

        public UnitClient Client { get; }

        public string Secret { get; }

        public GatewayDatabase Database => Host.Host.Services.GetRequiredService<GatewayDatabase>();

        public static async Task<PairingUnit> StartAsync()
        {
            var host = AlertHost.Start();
            var users = host.Host.Services.GetRequiredService<HubUserStore>();
            users.Add("nurse.jones", HubRoles.Staff, Password, "test", AlertHost.FrameTime);
            users.Add("admin.a", HubRoles.Admin, Password, "test", AlertHost.FrameTime);
            UnitRegistry units = host.Host.Units;
            string secret = units.Add(UnitId, "case-21");
            Assert.Null(UnitPairing.Pair(units, UnitId, new PairedDevice(0, Meter, "glucose-meter", true), false, "test", AlertHost.FrameTime).Refusal);
            Assert.Null(UnitPairing.Pair(units, UnitId, new PairedDevice(2, Cuff, "blood-pressure-monitor", true), false, "test", AlertHost.FrameTime).Refusal);

            var (client, _) = await UnitClient.ConnectAsync(host.Host.MqttPort, UnitId, secret);
            Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await client.SubscribeAsync(MqttTopics.Config(UnitId)));
            Assert.True((await client.PublishAsync(MqttTopics.Status(UnitId), StatusInPairingMode(), retain: true)).IsSuccess);
            Assert.True((await client.PublishAsync(MqttTopics.Readings(UnitId), UplinkFrames.Glucose(1, 5, "5.6"))).IsSuccess);
            Assert.True((await client.PublishAsync(MqttTopics.Readings(UnitId), UplinkFrames.Glucose(2, 6, "7.2"))).IsSuccess);
            return new PairingUnit(host, client, secret);
        }

        public async Task<ConsoleBrowser> LoginAsync(string name)
        {
            var browser = new ConsoleBrowser(Host.Host);
            Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginAsync(name, Password)).Status);
            return browser;
        }

        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            await Host.DisposeAsync();
        }

        /// <summary>The status document as the firmware writes it (HomeUnitController.PublishStatus) while pairing.</summary>
        private static byte[] StatusInPairingMode()
        {
            var health = new DeviceHealth[DeviceProgress.Slots];
            health[0] = new DeviceHealth(0) { Battery = 64, Manufacturer = "Roche", Model = "Accu-Chek Guide", ClockSet = true };
            var sessions = new string[DeviceProgress.Slots];
            sessions[0] = SessionResultNames.Name(SessionResult.Completed);
            sessions[2] = SessionResultNames.Name(SessionResult.BondFailed);
            var status = new UnitStatus
            {
                State = "online",
                Firmware = "1.4.2",
                Battery = 100,
                Rssi = -61,
                OutboxDepth = 3,
                Dropped = 2,
                ClockSynced = false,
                Candidates = new[]
                {
                    new UnitCandidate(Scale, Dorset.Telehealth.HomeUnit.Ble.BleAddressType.Random, DeviceKind.WeightScale, -83, null),
                    new UnitCandidate(Oximeter, Dorset.Telehealth.HomeUnit.Ble.BleAddressType.Public, DeviceKind.PulseOximeter, -48, "Nonin3230"),
                },
                Devices = health,
                Sessions = sessions,
            };
            return status.ToJson();
        }
    }
}
