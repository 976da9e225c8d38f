using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Dorset.Telehealth.Demo.Alerts;

/// <summary>
/// Reads the hub's alerts over its JSON API as a script would: with a console session (POST /api/session) of a
/// console account, logging in again whenever the session has ended.
/// </summary>
public sealed class GatewayAlerts(string gatewayUrl, string name, string password) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>The console's Alerts page, where a person sees them.</summary>
    public string ConsoleUrl => gatewayUrl + "/alerts";

    /// <summary>Every alert the hub holds, in any state.</summary>
    public async Task<IReadOnlyList<HubAlert>> AllAsync(CancellationToken cancel)
    {
        HttpResponseMessage response = await _http.GetAsync(gatewayUrl + "/api/alerts", cancel);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            using HttpResponseMessage login = await _http.PostAsJsonAsync(gatewayUrl + "/api/session", new { name, password }, cancel);
            login.EnsureSuccessStatusCode();
            response = await _http.GetAsync(gatewayUrl + "/api/alerts", cancel);
        }

        using (response)
        {
            response.EnsureSuccessStatusCode();
            return HubAlert.ParseList(await response.Content.ReadAsStringAsync(cancel));
        }
    }

    /// <summary>
    /// Polls until every rule of <paramref name="rules"/> has raised an alert (in any state: one acknowledged on an
    /// earlier run counts) or <paramref name="timeout"/> passes, and returns what the hub holds then either way (empty
    /// when the gateway never answered).
    /// </summary>
    public async Task<IReadOnlyList<HubAlert>> WaitForRulesAsync(IReadOnlyList<string> rules, TimeSpan timeout, CancellationToken cancel)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<HubAlert> alerts = [];
        while (true)
        {
            try
            {
                alerts = await AllAsync(cancel);
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
            {
            }

            if (rules.All(rule => alerts.Any(a => a.RuleId == rule)) || DateTime.UtcNow >= deadline)
            {
                return alerts;
            }

            await Task.Delay(1000, cancel);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();
}
