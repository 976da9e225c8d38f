using Dorset.Telehealth.Gateway.Forwarding;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dorset.Telehealth.Gateway.Extensions;

/// <summary>The forwarder to the county cloud.</summary>
public static class StoreAndForwardExtensions
{
    /// <summary>Registers the outbox, the forwarders of readings and alerts, their HTTP client, and the pruning of forwarded readings.</summary>
    public static IHostApplicationBuilder AddStoreAndForward(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ForwardingOptions>().BindConfiguration(nameof(ForwardingOptions)).ValidateDataAnnotations()
            .Validate(o => string.IsNullOrWhiteSpace(o.CloudUrl) || System.Uri.TryCreate(o.CloudUrl, System.UriKind.Absolute, out _), "ForwardingOptions:CloudUrl must be an absolute URL")
            .Validate(o => o.MinBackoffMilliseconds <= o.MaxBackoffMilliseconds, "ForwardingOptions:MinBackoffMilliseconds must not exceed MaxBackoffMilliseconds")
            .ValidateOnStart();
        builder.Services.AddSingleton<IOutbox, SqliteOutbox>();
        builder.Services.AddSingleton<ForwarderState>();
        builder.Services.AddSingleton<NewReadingsSignal>();
        builder.Services.AddSingleton<AlertForwarder>();
        builder.Services.AddSingleton<CloudLink>();
        builder.Services.TryAddSingleton(System.TimeProvider.System);
        // A failed readings post is the link's (LEDs, /health, /metrics); a failed alerts post is logged as the alerts'.
        builder.Services.AddCloudClient(ForwardingService.HttpClientName, services => services.GetRequiredService<CloudLink>().Failed);
        builder.Services.AddCloudClient(AlertForwarder.HttpClientName, services =>
        {
            ILogger logger = services.GetRequiredService<ILogger<AlertForwarder>>();
            return (error, retryIn) => logger.LogWarning("alerts not forwarded ({Error}); retry in {Delay} ms", error, (int)retryIn.TotalMilliseconds);
        });
        builder.Services.AddHostedService<ForwardingService>();
        builder.Services.AddHostedService<AlertForwardingService>();
        builder.Services.AddHostedService<ForwardedReadingPruner>();
        return builder;
    }
}
