using System;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Ingest;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dorset.Telehealth.Gateway.Extensions;

/// <summary>The embedded MQTT broker with durable ingest.</summary>
public static class BrokerExtensions
{
    /// <summary>Registers the broker, its handlers and the ingest pipeline.</summary>
    public static IHostApplicationBuilder AddBroker(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BrokerOptions>().BindConfiguration(nameof(BrokerOptions)).ValidateDataAnnotations()
            .Validate(o => System.Net.IPAddress.TryParse(o.TlsBindAddress, out _), "BrokerOptions:TlsBindAddress must be an IP address")
            .ValidateOnStart();
        builder.Services.AddSingleton<BrokerState>();
        builder.Services.AddSingleton<HubTlsIdentity>();
        builder.Services.AddSingleton<PairedDeviceDirectory>();
        builder.Services.AddSingleton<GatewayAlarms>();
        builder.Services.AddSingleton(sp => new LoginThrottle(TimeSpan.FromMilliseconds(sp.GetRequiredService<IOptions<BrokerOptions>>().Value.MaxFailedLoginDelayMilliseconds)));
        builder.Services.AddSingleton<DeviceConnectionValidator>();
        builder.Services.AddSingleton<UnitStatusHandler>();
        builder.Services.AddSingleton<UnitSessions>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TelemetryPublishInterceptor>();
        builder.Services.TryAddSingleton<IUplinkFrameDecoder, ProtocolUplinkFrameDecoder>();
        builder.Services.AddSingleton<GroupCommitWriter>();
        builder.Services.AddSingleton<DiskGuard>();
        builder.Services.AddSingleton<ReadingIngestor>();
        builder.Services.AddHostedService<BrokerService>();
        return builder;
    }
}
