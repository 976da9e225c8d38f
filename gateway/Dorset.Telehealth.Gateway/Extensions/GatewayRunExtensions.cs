using System;
using System.IO;
using Microsoft.AspNetCore.Builder;
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
            app.Run();
            return 0;
        }
        catch (OptionsValidationException refused)
        {
            Console.Error.WriteLine($"gateway not started: {string.Join("; ", refused.Failures)}");
            return ConfigurationRefusedExitCode;
        }
        catch (IOException bind) when (bind.InnerException is System.Net.Sockets.SocketException or Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            Console.Error.WriteLine($"gateway not started: {bind.Message}");
            return ListenerFailedExitCode;
        }
    }
}
