using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Dorset.Telehealth.Gateway.Tests.Fakes;

/// <summary>A script's console session: a new account, POST /api/session, and its antiforgery token on every call.</summary>
public static class ApiSession
{
    /// <summary>A client logged in as a new account <paramref name="name"/> with <paramref name="role"/>.</summary>
    public static async Task<HttpClient> StartApiSessionAsync(this GatewayHost host, string name = "nurse.jones", string role = HubRoles.Staff)
    {
        string password = HubUserStore.NewPassword();
        Assert.Null(host.Services.GetRequiredService<HubUserStore>().Add(name, role, password, "test", host.Services.GetRequiredService<TimeProvider>().GetUtcNow()));
        HttpClient http = host.NewBrowser();
        using HttpResponseMessage response = await http.PostAsJsonAsync("/api/session", new { name, password });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        JsonElement session = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(name, session.GetProperty("name").GetString());
        http.DefaultRequestHeaders.Add(session.GetProperty("antiforgeryHeader").GetString()!, session.GetProperty("antiforgeryToken").GetString());
        return http;
    }
}
