using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Demo.Provisioning;

namespace Dorset.Telehealth.Demo.Alerts;

/// <summary>Once the demo runs: waits, bounded, for the alerts the script implies, then prints a summary of what is open.</summary>
public static class AlertReport
{
    /// <summary>How long to wait for the expected rules: the readings drain and the clock rules run every 10 s.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>Waits for a fleet of <paramref name="units"/>'s alerts (never longer than <see cref="Patience"/>) and prints the summary.</summary>
    public static async Task PrintAsync(PipelineLayout layout, int units, CancellationToken cancel)
    {
        IReadOnlyList<string> expected = ExpectedAlerts.Rules(units);
        Console.WriteLine($"Waiting up to {Patience.TotalSeconds:F0} s for the alerts the scripted week implies ({string.Join(", ", expected)}) ...");
        using var gateway = new GatewayAlerts(layout.GatewayUrl, DemoConsoleAccounts.Staff, DemoConsoleAccounts.PasswordOf(layout, DemoConsoleAccounts.Staff));
        IReadOnlyList<HubAlert> alerts = await gateway.WaitForRulesAsync(expected, Patience, cancel);
        Console.WriteLine(AlertSummary.Format(alerts, expected, gateway.ConsoleUrl));
    }
}
