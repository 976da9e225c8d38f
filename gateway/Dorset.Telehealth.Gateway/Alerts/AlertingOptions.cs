using System.ComponentModel.DataAnnotations;

namespace Dorset.Telehealth.Gateway.Alerts;

/// <summary>Section AlertingOptions: how often the clock rules (stale data, unit offline, battery) run.</summary>
public sealed class AlertingOptions
{
    /// <summary>Seconds between runs of the clock rules (default 60; their thresholds are minutes to hours).</summary>
    [Range(1, 3600)]
    public int ClockRulesIntervalSeconds { get; set; } = 60;
}
