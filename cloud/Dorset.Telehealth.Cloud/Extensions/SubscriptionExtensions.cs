using System;
using System.Net.Http;
using Dorset.Telehealth.Cloud.Storage;
using Dorset.Telehealth.Cloud.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dorset.Telehealth.Cloud.Extensions;

/// <summary>FHIR Subscriptions: the store's subscription concern, the API's services and the delivery worker.</summary>
public static class SubscriptionExtensions
{
    /// <summary>Registers subscriptions and their delivery (needs <see cref="StoreExtensions.AddCloudStore"/>).</summary>
    public static IHostApplicationBuilder AddSubscriptions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SubscriptionOptions>().BindConfiguration(nameof(SubscriptionOptions)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ISubscriptionStore>(sp => sp.GetRequiredService<ICloudStore>());
        builder.Services.AddSingleton<Apis.SubscriptionServices>();
        builder.Services.AddSingleton(sp => new NotificationBundleBuilder(new Fhir.FhirResourceReader(sp.GetRequiredService<IFhirQueries>())));
        builder.Services.AddSingleton<NotificationSender>();
        builder.Services.AddHttpClient(NotificationSender.ClientName, (sp, client) =>
                client.Timeout = sp.GetRequiredService<IOptions<SubscriptionOptions>>().Value.DeliveryTimeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        builder.Services.AddHostedService<SubscriptionDeliveryWorker>();
        return builder;
    }
}
