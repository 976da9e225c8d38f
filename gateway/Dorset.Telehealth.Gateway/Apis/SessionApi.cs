using System;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Accounts;
using Dorset.Telehealth.Gateway.StaffConsole;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Dorset.Telehealth.Gateway.Apis;

/// <summary>
/// api/session: a console session for scripts (curl, the demo), the same accounts, lockout, audit and cookie as the
/// login form. The answer carries the antiforgery token that calls which change something must send back.
/// </summary>
public static class SessionApi
{
    /// <summary>Maps the group.</summary>
    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("api/session", LogIn).AllowAnonymous().WithTags("Session").WithName("LogIn")
            .WithSummary("Starts a session from {\"name\", \"password\"}; 401 when refused (the audit says why).");
        var session = app.MapApiGroup("api/session", "Session");
        session.MapGet("/", Current).WithName("CurrentSession").WithSummary("Who the session is, and a fresh antiforgery token.");
        session.MapDelete("/", (Delegate)LogOut).WithName("LogOut").WithSummary("Ends the session.");
        return app;
    }

    /// <summary>Logs in.</summary>
    public static async Task<Results<Ok<SessionDto>, UnauthorizedHttpResult, BadRequest<string>>> LogIn(
        HttpContext http, HubUserStore users, TimeProvider time, IAntiforgery antiforgery)
    {
        LogInRequest? request = await ApiJson.ReadAsync<LogInRequest>(http).ConfigureAwait(false);
        if (request == null)
        {
            return TypedResults.BadRequest("the body must be JSON {\"name\": \"...\", \"password\": \"...\"} with Content-Type application/json");
        }

        HubUser? user = await ConsoleSignIn.TryAsync(http, users, time, request.Name, request.Password).ConfigureAwait(false);
        return user == null ? TypedResults.Unauthorized() : TypedResults.Ok(SessionDto.For(user.Name, user.Role, antiforgery.GetAndStoreTokens(http)));
    }

    /// <summary>The session.</summary>
    public static Ok<SessionDto> Current(HttpContext http, IAntiforgery antiforgery) =>
        TypedResults.Ok(SessionDto.For(http.User.Identity!.Name!, http.User.IsInRole(HubRoles.Admin) ? HubRoles.Admin : HubRoles.Staff, antiforgery.GetAndStoreTokens(http)));

    /// <summary>Logs out.</summary>
    public static async Task<NoContent> LogOut(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    /// <summary>The body of a login.</summary>
    public sealed record LogInRequest(string? Name, string? Password);

    /// <summary>A session as JSON.</summary>
    /// <param name="Name">Who is logged in.</param>
    /// <param name="Role">staff or admin.</param>
    /// <param name="AntiforgeryHeader">The header to send <paramref name="AntiforgeryToken"/> in.</param>
    /// <param name="AntiforgeryToken">The token for calls that change something.</param>
    public sealed record SessionDto(string Name, string Role, string AntiforgeryHeader, string AntiforgeryToken)
    {
        /// <summary>The session of <paramref name="name"/>.</summary>
        public static SessionDto For(string name, string role, AntiforgeryTokenSet tokens) => new(name, role, tokens.HeaderName!, tokens.RequestToken!);
    }
}
