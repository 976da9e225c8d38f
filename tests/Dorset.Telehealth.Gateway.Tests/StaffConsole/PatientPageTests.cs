using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.Protocol.Time;
using Dorset.Telehealth.Protocol.Uplink;
using Microsoft.Extensions.DependencyInjection;

namespace Dorset.Telehealth.Gateway.Tests.StaffConsole;

/// <summary>
/// The patient page over readings published through the real gateway: charts with their tables, the glucose summary,
/// the weight change, acknowledging, and the settings (admins change them; a staff post is refused).
/// </summary>
public sealed class PatientPageTests
{
    private const string Page = "/patients/case-17";

    // The week before the host's clock (Tuesday 24 November 2026 08:00 UTC, GMT): device clocks keep UK time.
    private static UplinkReading GlucoseOn(int day, int deviceSequence, string mmolL, int location = 1) =>
        UplinkFrames.GlucoseReading(deviceSequence, mmolL, location: location, deviceTime: new DeviceTime(2026, 11, day, 8, 0, 0));

    private static UplinkReading WeighingOn(int day, string kg)
    {
        var reading = UplinkFrames.WeightReading(kg, null);
        reading.DeviceTime = new DeviceTime(2026, 11, day, 7, 30, 0);
        return reading;
    }

    /// <summary>
    /// A week of case-17's readings: glucose 6.1, 2.9 (a red-urgent hypo), 7.4, a control-solution test of 2.1 and 5.6;
    /// SpO2 97 % and pulse 72; weighings of 80.0 and 82.6 kg three days apart (an amber gain of 2.6 kg).
    /// </summary>
    private static Task PublishWeekAsync(AlertHost host) => host.PublishAsync("unit-a", "case-17", UplinkFrames.Frame(1,
        GlucoseOn(20, 1, "6.1"), GlucoseOn(21, 2, "2.9"), GlucoseOn(22, 3, "7.4"), GlucoseOn(23, 4, "2.1", location: 4), GlucoseOn(24, 5, "5.6"),
        UplinkFrames.OximetryReading(97, 72), WeighingOn(21, "80.0"), WeighingOn(24, "82.6")));

    [Fact]
    public async Task Page_ForReadingsThroughTheGateway_ShowsTheChartsWithTheirTables_TheGlucoseSummary_TheWeightChange_AndTheAlerts()
    {
        await using var host = ConsoleAccounts.StartHost();
        await PublishWeekAsync(host);
        using var staff = await ConsoleAccounts.LoginAsync(host, ConsoleAccounts.Staff);

        var (status, encoded, _) = await staff.GetAsync(Page + "?days=7");
        var patients = await staff.GetAsync("/patients");
        string html = WebUtility.HtmlDecode(encoded);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("href=\"/patients/case-17\"", patients.Html, StringComparison.Ordinal);
        Assert.Contains("<h1>Patient case-17</h1>", html, StringComparison.Ordinal);
        // The glucose chart: an image with its summary, the hypo marked, the control-solution test off the line.
        Assert.Contains("role=\"img\" aria-label=\"Glucose over the last 7 days: 4 glucose readings charted, 2.9 to 7.4 mmol/L, newest 5.6 mmol/L on Tue 24 Nov 08:00; 1 in alerts; 1 not charted (see the table).\"", html, StringComparison.Ordinal);
        Assert.Contains("<path class=\"mark level-red-urgent\"", html, StringComparison.Ordinal);
        Assert.Contains("Sat 21 Nov 08:00: glucose 2.9 mmol/L, red-urgent alert", html, StringComparison.Ordinal);
        Assert.Contains("red-urgent below 3.0 mmol/L", html, StringComparison.Ordinal);
        // Glucose, SpO2, pulse and weight drawn; there is no blood pressure reading.
        Assert.Equal(4, Regex.Count(html, "<svg "));
        Assert.Contains("No blood pressure reading in the last 7 days.", html, StringComparison.Ordinal);
        // Its text alternative: every reading, UK time, with the alert and why the control solution is not charted.
        Assert.Contains("<caption class=\"skip\">Glucose readings of the last 7 days, newest first</caption>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>Sat 21 Nov 08:00</td><td>glucose 2.9 mmol/L</td><td>red-urgent (glucose-low)</td><td>-</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>Mon 23 Nov 08:00</td><td>glucose 2.1 mmol/L [control-solution]</td><td>-</td><td>flagged control-solution</td></tr>", html, StringComparison.Ordinal);
        // The 14-day summary counts the patient's four readings, not the control solution.
        Assert.Contains("<tr><th scope=\"row\">Readings</th><td>4</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">Mean</th><td>5.5 mmol/L</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">Below 3.9 mmol/L (LO included)</th><td>1 of 4 (25 %)</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th scope=\"row\">Hypo episodes</th><td>1</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("No GMI", html, StringComparison.Ordinal);
        // The weight: 2.6 kg up on the low of the 3 days before, which the heart-failure rule alerts on.
        Assert.Contains("Change <strong>+2.6 kg</strong>", html, StringComparison.Ordinal);
        // Open: the weight gain; the hypo cleared with the next reading, and its mark stays on the chart.
        Assert.Contains("Open alerts (1)", html, StringComparison.Ordinal);
        Assert.Contains("weight up 2.6 kg in 3 days", html, StringComparison.Ordinal);
        Assert.Contains("data-live", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_ForAnUnknownPatient_Is404WithAClearMessage_AndAWindowNotOfferedIs400()
    {
        await using var host = ConsoleAccounts.StartHost();
        await PublishWeekAsync(host);
        using var staff = await ConsoleAccounts.LoginAsync(host, ConsoleAccounts.Staff);

        var unknown = await staff.GetAsync("/patients/case-99");
        var badWindow = await staff.GetAsync(Page + "?days=14");

        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("No unit on this hub has the patient reference “case-99”.", WebUtility.HtmlDecode(unknown.Html), StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", unknown.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badWindow.Status);
        Assert.Contains("days must be 7, 30 or 90", badWindow.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_OnAHubThatForwards_SaysWhenAChartReachesBeyondWhatTheHubKeeps()
    {
        // Nothing listens on the discard port: the forwarder only retries, which this test does not need.
        await using var host = ConsoleAccounts.StartHost(new Dictionary<string, string?> { ["ForwardingOptions:CloudUrl"] = "http://127.0.0.1:9", ["ForwardingOptions:RetentionDays"] = "30" });
        await PublishWeekAsync(host);
        using var staff = await ConsoleAccounts.LoginAsync(host, ConsoleAccounts.Staff);

        var ninety = await staff.GetAsync(Page + "?days=90");
        var thirty = await staff.GetAsync(Page + "?days=30");

        const string Note = "The hub keeps readings for 30 days once the cloud has them, so this chart may start later than 90 days ago";
        Assert.Contains(Note, WebUtility.HtmlDecode(ninety.Html), StringComparison.Ordinal);
        Assert.DoesNotContain("The hub keeps readings for", WebUtility.HtmlDecode(thirty.Html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acknowledge_FromThePage_NeedsANote_ThenTakesTheAlertOffTheOpenList()
    {
        await using var host = ConsoleAccounts.StartHost();
        await host.PublishAsync("unit-a", "case-17", UplinkFrames.Glucose(1, 5, "2.9"));
        string id = host.Alerts.List(AlertRecord.Open, "case-17", null).Single().Id;
        using var staff = await ConsoleAccounts.LoginAsync(host, ConsoleAccounts.Staff);
        string action = "/patients/case-17?handler=Acknowledge&days=7";

        var noNote = await staff.PostFormAsync(Page + "?days=7", action, new Dictionary<string, string> { ["id"] = id, ["note"] = " " });
        var refused = await staff.GetAsync(noNote.Location!);
        var ack = await staff.PostFormAsync(Page + "?days=7", action, new Dictionary<string, string> { ["id"] = id, ["note"] = "rang; 6.1 after juice" });
        var after = await staff.GetAsync(ack.Location!);

        Assert.Contains("Acknowledging needs a note", refused.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, ack.Status);
        Assert.Equal("/patients/case-17?days=7", ack.Location);
        Assert.Contains("Acknowledged: glucose 2.9 mmol/L", after.Html, StringComparison.Ordinal);
        Assert.Contains("Open alerts (0)", after.Html, StringComparison.Ordinal);
        var acknowledged = host.Alerts.Get(id)!.Acknowledged!;
        Assert.Equal(("nurse.jones", "rang; 6.1 after juice"), (acknowledged.By, acknowledged.Note));
    }

    [Fact]
    public async Task Settings_AStaffPostIsRefused403_AnAdminsChangeIsValidatedAudited_AndInForceOnTheCharts()
    {
        await using var host = ConsoleAccounts.StartHost();
        await PublishWeekAsync(host);
        var store = host.Host.Services.GetRequiredService<PatientSettingsStore>();
        using var staff = await ConsoleAccounts.LoginAsync(host, ConsoleAccounts.Staff);
        using var admin = await ConsoleAccounts.LoginAsync(host, ConsoleAccounts.Admin);
        string action = "/patients/case-17?handler=Settings&days=7";

        var staffPage = await staff.GetAsync(Page);
        var staffPost = await staff.PostFormAsync(Page, action, new Dictionary<string, string> { ["glucoseLowBelow"] = "4.5" });
        var adminPage = await admin.GetAsync(Page);
        var invalid = await admin.PostFormAsync(Page, action, new Dictionary<string, string> { ["glucoseLowBelow"] = "four" });
        var invalidShown = await admin.GetAsync(invalid.Location!);
        var changed = await admin.PostFormAsync(Page, action, new Dictionary<string, string> { ["glucoseLowBelow"] = "4.5", ["glucoseHighAbove"] = "" });
        string html = WebUtility.HtmlDecode((await admin.GetAsync(changed.Location!)).Html);
        var unchanged = await admin.PostFormAsync(Page, action, new Dictionary<string, string> { ["glucoseLowBelow"] = "4.5" });
        var unchangedShown = await admin.GetAsync(unchanged.Location!);

        // Staff see the settings but get no form, and a forged post changes nothing.
        Assert.Contains("<th scope=\"row\">Glucose red below</th>", staffPage.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("patient-settings", staffPage.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, staffPost.Status);
        Assert.Contains("for hub admins", staffPost.Html, StringComparison.Ordinal);
        Assert.Contains("<form id=\"patient-settings\"", adminPage.Html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"setting-glucoseLowBelow\">Glucose red below</label>", adminPage.Html, StringComparison.Ordinal);
        // A bad value is refused with the setting named, and nothing is stored.
        Assert.Contains("Settings not changed: glucoseLowBelow: not a valid value (a number, default 4.0).", invalidShown.Html, StringComparison.Ordinal);
        // The admin's change: stored, in force, on the glucose chart's band, and in the page's audit trail.
        Assert.Equal(HttpStatusCode.Redirect, changed.Status);
        Assert.Equal("{\"glucoseLowBelow\":4.5}", store.Show("case-17").Overrides.ToJsonString());
        Assert.Contains("Settings changed (glucoseLowBelow=4.5), audited as admin.a.", html, StringComparison.Ordinal);
        Assert.Contains("<td>4.5 mmol/L</td>", html, StringComparison.Ordinal);
        Assert.Contains("red below 4.5 mmol/L", html, StringComparison.Ordinal);
        Assert.Contains("<td>admin.a</td><td><small>{}</small></td><td><small>{\"glucoseLowBelow\":4.5}</small></td>", html, StringComparison.Ordinal);
        // Posting what is stored writes no audit row.
        Assert.Contains("Settings not changed: every field is as stored.", unchangedShown.Html, StringComparison.Ordinal);
        var audit = AuditLog.Read(host.Host.Services.GetRequiredService<GatewayDatabase>(), "patient:case-17", 10);
        Assert.Equal("admin.a", Assert.Single(audit).Actor);
    }
}
