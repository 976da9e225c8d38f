using System;
using Dorset.Telehealth.Gateway.Alerts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Dorset.Telehealth.Gateway.Extensions;

/// <summary>Clinical alerting: the alert store, the change feed, the front-panel annunciator and the clock rules.</summary>
public static class AlertingExtensions
{
    /// <summary>Registers alerting; a test may register its own <see cref="TimeProvider"/> first.</summary>
    public static IHostApplicationBuilder AddAlerting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AlertingOptions>().BindConfiguration(nameof(AlertingOptions)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AlertStore>();
        builder.Services.AddSingleton<PatientSettingsStore>();
        builder.Services.AddSingleton<HubChangeFeed>();
        builder.Services.AddSingleton<AlertAnnunciator>();
        builder.Services.AddSingleton<ClockAlertEvaluator>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ClockAlertEvaluator>());
        return builder;
    }
}
