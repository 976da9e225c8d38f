using System;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Extensions;
using Dorset.Telehealth.Gateway.Forwarding;
using Dorset.Telehealth.Gateway.Patients;
using Dorset.Telehealth.Gateway.Provisioning;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.Extensions.Configuration;

namespace Dorset.Telehealth.Gateway.Cli;

/// <summary>Options and stores for one CLI invocation.</summary>
public sealed class CliContext
{
    private CliContext(GatewayOptions gateway, BrokerOptions broker, ForwardingOptions forwarding, string? urls)
    {
        Gateway = gateway;
        Broker = broker;
        Forwarding = forwarding;
        Urls = urls;
        Database = new GatewayDatabase(gateway.DatabasePath);
        Units = new UnitRegistry(Database);
        Readings = new ReadingStore(Database);
        Patients = new PatientRegistry(Database);
        Provisioning = new UnitProvisioning(Database, Units, TimeProvider.System);
    }

    /// <summary>Shared settings.</summary>
    public GatewayOptions Gateway { get; }

    /// <summary>Broker settings (ports and host names for provisioning bundles).</summary>
    public BrokerOptions Broker { get; }

    /// <summary>Cloud settings.</summary>
    public ForwardingOptions Forwarding { get; }

    /// <summary>The service's HTTP address(es), when known.</summary>
    public string? Urls { get; }

    /// <summary>The database.</summary>
    public GatewayDatabase Database { get; }

    /// <summary>The unit registry.</summary>
    public UnitRegistry Units { get; }

    /// <summary>The readings.</summary>
    public ReadingStore Readings { get; }

    /// <summary>The patient list.</summary>
    public PatientRegistry Patients { get; }

    /// <summary>Adding and revoking units, audited.</summary>
    public UnitProvisioning Provisioning { get; }

    /// <summary>Resolves configuration like the host does.</summary>
    public static CliContext Create(string? dataDir, int? mqttPort, int? mqttsPort, string? urls, string? cloudUrl)
    {
        IConfiguration configuration = GatewayConfiguration.ForCli(dataDir, mqttPort, mqttsPort, urls, cloudUrl);
        var gateway = configuration.GetSection(nameof(GatewayOptions)).Get<GatewayOptions>() ?? new GatewayOptions();
        var broker = configuration.GetSection(nameof(BrokerOptions)).Get<BrokerOptions>() ?? new BrokerOptions();
        var forwarding = configuration.GetSection(nameof(ForwardingOptions)).Get<ForwardingOptions>() ?? new ForwardingOptions();
        gateway.EnsureValid();
        return new CliContext(gateway, broker, forwarding, configuration["urls"]);
    }
}
