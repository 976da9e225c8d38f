using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Accounts;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Dorset.Telehealth.Gateway.Tests.StaffConsole;

/// <summary>
/// The JSON APIs share the console's sessions (issue 11 "Access"): a script logs in through /api/session with the same
/// accounts, lockout and audit, must send the session's antiforgery token to change anything, and loses its session
/// the moment its account is disabled.
/// </summary>
public sealed class ApiSessionTests
{
    [Fact]
    public async Task Acknowledge_WithoutTheAntiforgeryToken_IsRefused_AndTheAlertStaysOpen()
    {
        await using var host = AlertHost.Start();
        await host.PublishAsync("unit-a", "case-17", UplinkFrames.Glucose(1, 5, "2.9"));
        string id = host.Alerts.List(null, null, null).Single().Id;
        using var api = await host.Host.StartApiSessionAsync();
        api.DefaultRequestHeaders.Remove("RequestVerificationToken");

        var response = await api.PostAsJsonAsync($"/api/alerts/{id}/acknowledge", new { note = "phoned" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("antiforgery token", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(AlertRecord.Open, host.Alerts.Get(id)!.State);
    }

    [Fact]
    public async Task Acknowledge_IsRecordedAsTheSessionsUser_WhateverTheBodySays()
    {
        await using var host = AlertHost.Start();
        await host.PublishAsync("unit-a", "case-17", UplinkFrames.Glucose(1, 5, "2.9"));
        string id = host.Alerts.List(null, null, null).Single().Id;
        using var api = await host.Host.StartApiSessionAsync("nurse.jones");

        var response = await api.PostAsJsonAsync($"/api/alerts/{id}/acknowledge", new { by = "dr.someone.else", note = "phoned" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nurse.jones", host.Alerts.Get(id)!.Acknowledged!.By);
        Assert.Equal("nurse.jones", AuditLog.Read(host.Host.Services.GetRequiredService<GatewayDatabase>(), "alert:" + id, 10).Single().Actor);
    }

    [Fact]
    public async Task LogIn_WithAWrongPassword_Is401_AndAudited_WithoutACookie()
    {
        await using var host = AlertHost.Start();
        host.Host.Services.GetRequiredService<HubUserStore>().Add("nurse.jones", HubRoles.Staff, "correct horse battery", "test", AlertHost.FrameTime);
        using HttpClient http = host.Host.NewBrowser();

        var refused = await http.PostAsJsonAsync("/api/session", new { name = "nurse.jones", password = "wrong horse battery" });
        var malformed = await http.PostAsync("/api/session", new StringContent("name=nurse.jones"));
        var after = await http.GetAsync("/api/alerts");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Set-Cookie") && refused.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("dorset-console=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("password", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("login.failure", AuditLog.Read(host.Host.Services.GetRequiredService<GatewayDatabase>(), "user:nurse.jones", 10).First().Action);
    }

    [Fact]
    public async Task DisablingAnAccount_EndsItsSessionAtOnce()
    {
        await using var host = AlertHost.Start();
        using var api = await host.Host.StartApiSessionAsync("nurse.jones");
        var before = await api.GetAsync("/api/alerts");

        host.Host.Services.GetRequiredService<HubUserStore>().Disable("nurse.jones", "admin.smith", AlertHost.FrameTime);
        var after = await api.GetAsync("/api/alerts");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task ResettingAPassword_EndsTheSessionsOpenedBeforeIt_NotOnesOpenedAfter()
    {
        await using var host = AlertHost.Start();
        using var before = await host.Host.StartApiSessionAsync("nurse.jones");
        host.Time.Advance(TimeSpan.FromMinutes(1));
        var users = host.Host.Services.GetRequiredService<HubUserStore>();

        users.ResetPassword("nurse.jones", "a brand new password", "admin.smith", host.Time.GetUtcNow());
        var refused = await before.GetAsync("/api/alerts");
        using HttpClient after = host.Host.NewBrowser();
        var login = await after.PostAsJsonAsync("/api/session", new { name = "nurse.jones", password = "a brand new password" });
        var served = await after.GetAsync("/api/alerts");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task AfterLogOut_ACopyOfTheSessionCookieIsWorthless()
    {
        await using var host = AlertHost.Start();
        host.Host.Services.GetRequiredService<HubUserStore>().Add("nurse.jones", HubRoles.Staff, "correct horse battery", "test", AlertHost.FrameTime);
        using var api = host.Host.NewClientWithoutCookies();
        var login = await api.PostAsJsonAsync("/api/session", new { name = "nurse.jones", password = "correct horse battery" });
        var session = await login.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        // Every cookie the login set, as a copy someone kept (a shared PC, a proxy log) would hold them.
        string cookies = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

        using var logout = new HttpRequestMessage(HttpMethod.Delete, "/api/session");
        logout.Headers.Add("Cookie", cookies);
        logout.Headers.Add(session.GetProperty("antiforgeryHeader").GetString()!, session.GetProperty("antiforgeryToken").GetString());
        var loggedOut = await api.SendAsync(logout);
        using var replay = new HttpRequestMessage(HttpMethod.Get, "/api/alerts");
        replay.Headers.Add("Cookie", cookies);
        var replayed = await api.SendAsync(replay);

        Assert.Equal(HttpStatusCode.NoContent, loggedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
    }

    [Fact]
    public async Task LogOut_EndsTheSession()
    {
        await using var host = AlertHost.Start();
        using var api = await host.Host.StartApiSessionAsync("nurse.jones");

        var logout = await api.DeleteAsync("/api/session");
        var after = await api.GetAsync("/api/session");

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }
}
