using System;
using System.IO;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dorset.Telehealth.Gateway.Extensions;

/// <summary>Runs the service, turning a refused start into one line and an exit code instead of a stack trace.</summary>
public static class GatewayRunExtensions
{
    /// <summary>Exit code when the configuration is refused (as the CLI's refused verbs).</summary>
    public const int ConfigurationRefusedExitCode = 2;

    /// <summary>Exit code when a listener cannot bind (a port in use, an address not on this box).</summary>
    public const int ListenerFailedExitCode = 1;

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

        try
        {
            app.Run();
            return 0;
        }
        catch (IOException bind) when (bind.InnerException is System.Net.Sockets.SocketException or Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            Console.Error.WriteLine($"gateway not started: {bind.Message}");
            return ListenerFailedExitCode;
        }
    }
}
