using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Extensions.Configuration;

namespace Dorset.Telehealth.Gateway.Extensions;

/// <summary>
/// The command-line flags the host and every CLI verb share, mapped onto the options sections, so that
/// `--data-dir X` and `GatewayOptions__DataDir=X` and appsettings.json all set the same value.
/// </summary>
public static class GatewayConfiguration
{
    /// <summary>Flag -> configuration key. --urls is ASP.NET Core's own and needs no mapping.</summary>
    public static IDictionary<string, string> SwitchMappings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--data-dir"] = "GatewayOptions:DataDir",
        ["--mqtt-port"] = "BrokerOptions:PlainPort",
        ["--mqtts-port"] = "BrokerOptions:TlsPort",
        ["--cloud-url"] = "ForwardingOptions:CloudUrl",
    };

    /// <summary>
    /// Configuration for a CLI verb: the same sources as the host (appsettings.json beside the binary, the
    /// environment, then the flags), so a verb run on the box sees the service's data dir.
    /// </summary>
    public static IConfiguration ForCli(string? dataDir, int? mqttPort, int? mqttsPort, string? urls, string? cloudUrl)
    {
        var flags = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (dataDir != null)
        {
            flags["GatewayOptions:DataDir"] = dataDir;
        }

        if (mqttPort.HasValue)
        {
            flags["BrokerOptions:PlainPort"] = mqttPort.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (mqttsPort.HasValue)
        {
            flags["BrokerOptions:TlsPort"] = mqttsPort.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (urls != null)
        {
            flags["urls"] = urls;
        }

        if (cloudUrl != null)
        {
            flags["ForwardingOptions:CloudUrl"] = cloudUrl;
        }

        return new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(flags)
            .Build();
    }
}
