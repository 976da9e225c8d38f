using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Dorset.Telehealth.Gateway.Tests.StaffConsole;

/// <summary>
/// Every route in the gateway's route table, requested without a session: a console route must send the browser to
/// login, except the two that exist to get a session. A new route that nobody put in a category fails this test, so
/// nothing is served without someone deciding who may see it.
/// </summary>
public sealed class ConsoleAuthorizationTests
{
    // Answer without a session by design: they name no patient (issue 11 "Access").
    private static readonly string[] s_open = { "/health", "/alive", "/metrics" };

    // Getting a session: the login form, and the first-run setup page (404 without its one-time token).
    private static readonly string[] s_anonymous = { "/login", "/setup" };

    // The JSON APIs answer only on loopback until they move behind the console's login (the rest of issue 11).
    private const string LoopbackOnlyApi = "/api/";

    [Fact]
    public async Task EveryRoute_WithoutASession_IsOpenByDesign_AGetASessionPage_LoopbackOnly_OrSentToLogin()
    {
        await using var host = AlertHost.Start();
        var routes = host.Host.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/')).Distinct().OrderBy(r => r, StringComparer.Ordinal).ToList();
        using var browser = new ConsoleBrowser(host.Host);
        var sentToLogin = new List<string>();
        var refused = new List<string>();

        foreach (string route in routes.Where(r => !s_open.Contains(r) && !s_anonymous.Contains(r) && !r.StartsWith(LoopbackOnlyApi, StringComparison.Ordinal)))
        {
            string path = route.Replace("{", "x-", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal);
            var (status, _, location) = await browser.GetAsync(path);
            // A page sends the browser to login; a non-page endpoint (the event stream) answers 401.
            bool toLogin = status == HttpStatusCode.Redirect && location!.Contains("/login", StringComparison.Ordinal);
            Assert.True(toLogin || status == HttpStatusCode.Unauthorized, $"{route} answered {(int)status} without a session");
            (toLogin ? sentToLogin : refused).Add(route);
        }

        Assert.Contains("/", sentToLogin);
        Assert.Contains("/alerts", sentToLogin);
        Assert.Contains("/events", refused);
        Assert.All(s_anonymous, r => Assert.Contains(r, routes));
    }
}
