using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dorset.Telehealth.Gateway.Apis;

/// <summary>
/// Where every JSON API group is made, so that none can be mapped without a session: a request without one gets 401
/// (not the login page), and a request that changes something must carry the session's antiforgery token.
/// </summary>
public static class ApiRoutes
{
    /// <summary>A group under <paramref name="prefix"/> that needs a console session.</summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder app, string prefix, string tag)
    {
        var group = app.MapGroup(prefix).RequireAuthorization().WithTags(tag);
        group.AddEndpointFilter<ApiAntiforgeryFilter>();
        return group;
    }
}
