using System.Threading.Tasks;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Dorset.Telehealth.Gateway.Apis;

/// <summary>
/// An API call that changes something must carry the antiforgery token of its session (header
/// <c>RequestVerificationToken</c>, from POST or GET /api/session), as every console form does. SameSite=Strict
/// cookies already keep other sites out; the token is the second lock, and the one that holds if a browser ignores
/// SameSite.
/// </summary>
public sealed class ApiAntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    /// <inheritdoc/>
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        HttpContext http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false))
        {
            return TypedResults.Problem("this request changes something and needs the session's antiforgery token in the RequestVerificationToken header (from GET /api/session)",
                statusCode: StatusCodes.Status400BadRequest);
        }

        return await next(context).ConfigureAwait(false);
    }
}
