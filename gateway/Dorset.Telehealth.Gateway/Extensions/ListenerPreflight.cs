using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dorset.Telehealth.Hosting;

/// <summary>
/// Tries every listener's address before the host starts, so that a port another process holds is one line naming it
/// and exit 2, instead of the host's "Hosting failed to start" log and the unhandled exception, each with its stack.
/// The cloud compiles this file too (a linked source: the two services share no project).
/// </summary>
internal static class ListenerPreflight
{
    /// <summary>Exit code of a service that could not have its port (as of any other refused start).</summary>
    public const int PortInUseExitCode = 2;

    /// <summary>
    /// True when the app's server binds sockets (Kestrel offers its addresses). A test host's in-memory server binds
    /// none, so the `urls` it inherits from appsettings are no port of its own to check.
    /// </summary>
    public static bool ListensOverHttp(this IHost app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>() != null;

    /// <summary>
    /// The listeners of ASP.NET Core's `urls` setting (`;`-separated). `*`, `+` and `0.0.0.0` are every address and
    /// `localhost` is loopback, as Kestrel binds them; a host name or port 0 is left to Kestrel.
    /// </summary>
    public static IEnumerable<(string Name, IPEndPoint Endpoint)> Http(string? urls)
    {
        foreach (string url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            BindingAddress address = BindingAddress.Parse(url);
            IPAddress? ip = address.Host switch
            {
                "*" or "+" => IPAddress.Any,
                "localhost" => IPAddress.Loopback,
                _ => IPAddress.TryParse(address.Host.Trim('[', ']'), out IPAddress? parsed) ? parsed : null,
            };
            if (ip != null && address.Port > 0)
            {
                yield return ("HTTP " + url, new IPEndPoint(ip, address.Port));
            }
        }
    }

    /// <summary>"NAME: port N is already in use" for the first listener another process holds, or null.</summary>
    public static string? FirstTaken(IEnumerable<(string Name, IPEndPoint Endpoint)> listeners)
    {
        foreach (var (name, endpoint) in listeners)
        {
            using var probe = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            // As the listeners themselves: a port left in TIME_WAIT by the last run is free, one with a listener is not.
            probe.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            try
            {
                probe.Bind(endpoint);
            }
            catch (SocketException taken) when (taken.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                return $"{name}: port {endpoint.Port} is already in use (another process listens on {endpoint})";
            }
        }

        return null;
    }
}
