using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Dorset.Telehealth.Gateway.StaffConsole;

/// <summary>
/// Console pages carry passwords and patient data: over plain HTTP they answer only on the box itself; from the hub
/// LAN they need HTTPS (the hub certificate). /health, /alive and /metrics name no patient and are left as they are.
/// The gateway refuses to start with such a listener (<see cref="ConsoleListenerPolicy"/>); this holds the line for a
/// request that still arrives that way (a proxy in front of a loopback listener, say).
/// </summary>
public sealed class ConsoleTransportGuard
{
    private readonly RequestDelegate _next;

    /// <summary>Creates the middleware.</summary>
    public ConsoleTransportGuard(RequestDelegate next)
    {
        _next = next;
    }

    /// <summary>Refuses a console request that is neither from loopback nor over HTTPS.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        PathString path = context.Request.Path;
        bool console = !(path.StartsWithSegments("/health") || path.StartsWithSegments("/alive") || path.StartsWithSegments("/metrics"));
        IPAddress? remote = context.Connection.RemoteIpAddress;
        if (console && !context.Request.IsHttps && remote != null && !IPAddress.IsLoopback(remote))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return context.Response.WriteAsync("The hub console answers over HTTPS only, except on the gateway itself.");
        }

        return _next(context);
    }
}
