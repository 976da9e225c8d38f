using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Accounts;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Dorset.Telehealth.Gateway.Tests.StaffConsole;

/// <summary>The Alerts page: by state, with who acknowledged and the note, acknowledging only with a note.</summary>
public sealed class AlertsPageTests
{
    [Fact]
    public async Task OpenAlert_AcknowledgedWithANote_MovesToAcknowledgedWithWhoAndTheNote()
    {
        await using var host = AlertHost.Start();
        host.Host.Services.GetRequiredService<HubUserStore>().Add("nurse.jones", HubRoles.Staff, "correct horse battery", "test", AlertHost.FrameTime);
        await host.PublishAsync("unit-a", "case-17", UplinkFrames.Glucose(1, 5, "2.9"));
        string id = host.Alerts.List(null, null, null).Single().Id;
        using var browser = new ConsoleBrowser(host.Host);
        await browser.LoginAsync("nurse.jones", "correct horse battery");

        var open = await browser.GetAsync("/alerts");
        var ack = await browser.PostFormAsync("/alerts", "/alerts?handler=Acknowledge&state=open", new Dictionary<string, string> { ["id"] = id, ["note"] = "rang; 6.1 after juice" });
        var acknowledged = await browser.GetAsync("/alerts?state=acknowledged");
        var bad = await browser.GetAsync("/alerts?state=closed");

        Assert.Contains("open (1)", open.Html, StringComparison.Ordinal);
        Assert.Contains("Alerts support, and do not replace, clinical judgement.", open.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, ack.Status);
        Assert.Contains("acknowledged (1)", acknowledged.Html, StringComparison.Ordinal);
        Assert.Contains("nurse.jones", acknowledged.Html, StringComparison.Ordinal);
        Assert.Contains("rang; 6.1 after juice", acknowledged.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
    }
}
