using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dorset.Telehealth.Gateway.Extensions;

/// <summary>Runs the service, turning a refused start into one line and an exit code instead of a stack trace.</summary>
public static class GatewayRunExtensions
{
    /// <summary>Exit code when the configuration is refused (as the CLI's refused verbs).</summary>
    public const int ConfigurationRefusedExitCode = 2;

    /// <summary>Exit code when a listener cannot bind (a port in use, an address not on this box), as of a refusal.</summary>
    public const int ListenerFailedExitCode = ListenerPreflight.PortInUseExitCode;

    /// <summary>Runs until stopped; the process exit code.</summary>
    public static int RunOrExplain(this WebApplication app)
    {
        try
        {
            // The options first, before the host starts anything (and logs a refusal as a crash with its stack).
            app.Services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException refused)
        {
            Console.Error.WriteLine($"gateway not started: {string.Join("; ", refused.Failures)}");
            return ConfigurationRefusedExitCode;
        }
        catch (InvalidOperationException unreadable) when (unreadable.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            // e.g. --mqtt-port abc: "Failed to convert configuration value 'abc' at 'BrokerOptions:PlainPort' to type ..."
            Console.Error.WriteLine($"gateway not started: {unreadable.Message}");
            return ConfigurationRefusedExitCode;
        }

        BrokerOptions broker = app.Services.GetRequiredService<IOptions<BrokerOptions>>().Value;
        if (ListenerPreflight.FirstTaken([.. MqttListeners(broker), .. ListenerPreflight.Http(app.ListensOverHttp() ? app.Configuration["urls"] : null)]) is { } taken)
        {
            Console.Error.WriteLine($"gateway not started: {taken}");
            return ListenerFailedExitCode;
        }

        try
        {
            app.Run();
            return 0;
        }
        catch (IOException bind) when (bind.InnerException is SocketException or Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            Console.Error.WriteLine($"gateway not started: {bind.Message}");
            return ListenerFailedExitCode;
        }
        catch (SocketException bind) when (bind.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            // Taken between the preflight and the broker's bind.
            Console.Error.WriteLine($"gateway not started: an MQTT port ({broker.PlainPort} or {broker.TlsPort}) was taken as the broker started");
            return ListenerFailedExitCode;
        }
    }

    private static IEnumerable<(string Name, IPEndPoint Endpoint)> MqttListeners(BrokerOptions broker)
    {
        if (broker.PlainPort > 0)
        {
            yield return ("MQTT (plain, loopback)", new IPEndPoint(IPAddress.Loopback, broker.PlainPort));
        }

        if (broker.TlsPort > 0 && IPAddress.TryParse(broker.TlsBindAddress, out IPAddress? address))
        {
            yield return ("MQTTS", new IPEndPoint(address, broker.TlsPort));
        }
    }
}
