using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Dorset.Telehealth.Gateway.Apis;

/// <summary>
/// Until the console adds login (Console issue), the JSON APIs that show units and readings answer only requests from
/// the box itself: patient data must not be readable by anyone on the hub's network.
/// </summary>
public sealed class LoopbackOnlyFilter : IEndpointFilter
{
    /// <inheritdoc/>
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        IPAddress? remote = context.HttpContext.Connection.RemoteIpAddress;
        if (remote != null && !IPAddress.IsLoopback(remote))
        {
            return ValueTask.FromResult<object?>(TypedResults.Problem("the console APIs answer only on the gateway itself until login exists", statusCode: StatusCodes.Status403Forbidden));
        }

        return next(context);
    }
}
