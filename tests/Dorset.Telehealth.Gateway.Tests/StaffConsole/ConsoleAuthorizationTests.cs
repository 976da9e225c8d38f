using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Accounts;
using Dorset.Telehealth.Gateway.StaffConsole;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Dorset.Telehealth.Gateway.Tests.StaffConsole;

/// <summary>
/// Every route in the gateway's route table, requested without a session and then with a staff session: a page sends
/// the browser to login, an API answers 401, except the routes open by design and the two that exist to get a session;
/// an admin route refuses staff. A new route that nobody put in a category fails this test, so nothing is served
/// without someone deciding who may see it.
/// </summary>
public sealed class ConsoleAuthorizationTests
{
    // Answer without a session by design: they name no patient (issue 11 "Access").
    private static readonly string[] s_open = { "/health", "/alive", "/metrics" };

    // Getting a session: the login form, the first-run setup page (404 without its one-time token), and its API twin.
    private static readonly string[] s_anonymous = { "/login", "/setup", "/api/session" };

    [Fact]
    public async Task EveryRoute_WithoutASession_IsOpenByDesign_AGetASessionRoute_SentToLogin_Or401()
    {
        await using var host = AlertHost.Start();
        using var browser = new ConsoleBrowser(host.Host);
        var sentToLogin = new List<string>();
        var refused = new List<string>();

        foreach (var (route, _, method) in Routes(host).Where(r => !s_open.Contains(r.Path) && !s_anonymous.Contains(r.Path)).Distinct())
        {
            var (status, _, location) = await browser.SendAsync(method ?? "GET", Concrete(route));
            // A page sends the browser to login; an API or the event stream answers 401, never the login page.
            bool toLogin = status == HttpStatusCode.Redirect && location!.Contains("/login", StringComparison.Ordinal);
            Assert.True(toLogin || status == HttpStatusCode.Unauthorized, $"{route} answered {(int)status} without a session");
            Assert.True(toLogin != IsApi(route), $"{route}: {(toLogin ? "an API sent to the login page" : "a page answered 401")}");
            (toLogin ? sentToLogin : refused).Add(method == null ? route : method + " " + route);
        }

        Assert.Contains("/", sentToLogin);
        Assert.Contains("/alerts", sentToLogin);
        Assert.Contains("GET /events", refused);
        Assert.Contains("GET /api/alerts", refused);
        Assert.Contains("POST /api/alerts/{id}/acknowledge", refused);
        Assert.Contains("GET /api/units/{unitId}", refused);
        Assert.All(s_anonymous, r => Assert.Contains(r, Routes(host).Select(e => e.Path)));
    }

    [Fact]
    public async Task EveryAdminRoute_RefusesAStaffSession_AndEveryOtherRouteServesIt()
    {
        await using var host = AlertHost.Start();
        string password = HubUserStore.NewPassword();
        host.Host.Services.GetRequiredService<HubUserStore>().Add("nurse.jones", HubRoles.Staff, password, "test", AlertHost.FrameTime);
        using var browser = new ConsoleBrowser(host.Host);
        await browser.LoginAsync("nurse.jones", password);
        var admin = Routes(host).Where(r => r.AdminOnly).Select(r => r.Path).Distinct().ToList();

        Assert.Contains("/audit", admin);
        Assert.Contains("/provisioning", admin);
        Assert.Contains("/users", admin);
        Assert.Contains("/api/units/{unitId}/revoke", admin);
        // Every GET, and every admin route whatever its method (authorization answers before the handler would act).
        foreach (var (route, adminOnly, method) in Routes(host).Where(r => !s_open.Contains(r.Path) && r.Path is not "/events" and not "/denied" && (r.AdminOnly || r.Method is null or "GET")).Distinct())
        {
            var (status, _, location) = await browser.SendAsync(method ?? "GET", Concrete(route));
            bool denied = status == HttpStatusCode.Forbidden || (status == HttpStatusCode.Redirect && location!.Contains("/denied", StringComparison.Ordinal));
            bool toLogin = status == HttpStatusCode.Redirect && location!.Contains("/login", StringComparison.Ordinal);
            Assert.False(toLogin, $"{route} sent a staff session to login");
            Assert.True(denied == adminOnly, $"{route} answered {(int)status} {location} to staff; admin only: {adminOnly}");
        }
    }

    private static bool IsApi(string route) => route.StartsWith("/api/", StringComparison.Ordinal) || route == "/events";

    // {id} and the like become a value that names nothing; authorization runs before the handler looks it up.
    private static string Concrete(string route) => route.Replace("{", "x-", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal);

    private static IEnumerable<(string Path, bool AdminOnly, string? Method)> Routes(AlertHost host) =>
        host.Host.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => ("/" + (e.RoutePattern.RawText ?? "").TrimStart('/').TrimEnd('/'),
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == ConsolePolicies.Admin || (a.Roles?.Contains(HubRoles.Admin, StringComparison.Ordinal) ?? false)),
                e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.FirstOrDefault()))
            .OrderBy(r => r.Item1, StringComparer.Ordinal);
}
