using Dorset.Telehealth.Gateway.Forwarding;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dorset.Telehealth.Gateway.Extensions;

/// <summary>The forwarder to the county cloud.</summary>
public static class StoreAndForwardExtensions
{
    /// <summary>Registers the outbox, the forwarders of readings and alerts, and their HTTP client.</summary>
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
        // The timeout is the client's, set once here; setting HttpClient.Timeout per call raced between the two forwarders.
        builder.Services.AddHttpClient(ForwardingService.HttpClientName, (services, http) =>
            http.Timeout = System.TimeSpan.FromSeconds(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ForwardingOptions>>().Value.RequestTimeoutSeconds));
        builder.Services.AddHostedService<ForwardingService>();
        return builder;
    }
}
