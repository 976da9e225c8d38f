using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Dorset.Telehealth.Demo.Alerts;

/// <summary>Reads the hub's alerts over its loopback API, as the console will.</summary>
public sealed class GatewayAlerts(string gatewayUrl) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>The URL of the open alerts.</summary>
    public string OpenUrl => gatewayUrl + "/api/alerts?state=open";

    /// <summary>Every alert the hub holds, in any state.</summary>
    public async Task<IReadOnlyList<HubAlert>> AllAsync(CancellationToken cancel) =>
        HubAlert.ParseList(await _http.GetStringAsync(gatewayUrl + "/api/alerts", cancel));

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
