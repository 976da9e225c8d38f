using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Registry;
using Dorset.Telehealth.Cloud.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dorset.Telehealth.Cloud.Smart;

/// <summary>
/// POST /auth/token: the OAuth 2.0 client-credentials grant with a JWT client assertion (RFC 7523, SMART Backend
/// Services). Answers an opaque access token, stored by its SHA-256 like every other credential of the cloud, so that
/// revoking the client ends it at once on every replica; errors as RFC 6749 §5.2.
/// </summary>
public static class SmartTokenApi
{
    /// <summary>The only client_assertion_type accepted.</summary>
    public const string JwtBearerAssertion = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>Maps the token endpoint, outside any authentication: the assertion is the credential.</summary>
    public static IEndpointRouteBuilder MapSmartToken(this IEndpointRouteBuilder app)
    {
        app.MapPost(SmartEndpoints.TokenPath, IssueAsync).AllowAnonymous().DisableAntiforgery().WithTags("SMART")
            .WithName("SmartToken").WithSummary("OAuth 2.0 client_credentials with a private_key_jwt assertion (RS384 or ES384): a short-lived access token with SMART v2 system scopes");
        return app;
    }

    private static async Task<IResult> IssueAsync(HttpContext context, ClientAssertionValidator validator, ISmartClients clients, TimeProvider time,
        IOptions<SmartOptions> options, ILoggerFactory logs)
    {
        // Tokens and refusals are never cached by a proxy (RFC 6749 §5.1).
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        if (!context.Request.HasFormContentType)
        {
            return Error(400, "invalid_request", "the body must be application/x-www-form-urlencoded");
        }

        IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["grant_type"] != "client_credentials")
        {
            return Error(400, "unsupported_grant_type", "grant_type must be client_credentials");
        }

        if (form["client_assertion_type"] != JwtBearerAssertion)
        {
            return Error(400, "invalid_request", $"client_assertion_type must be {JwtBearerAssertion}");
        }

        if (form["client_assertion"].ToString() is not { Length: > 0 and <= 16384 } assertion)
        {
            return Error(400, "invalid_request", "client_assertion is required (at most 16 KiB)");
        }

        if (form["scope"].ToString() is not { Length: > 0 } scope)
        {
            return Error(400, "invalid_scope", "scope is required, e.g. system/Observation.rs");
        }

        SmartOptions smart = options.Value;
        ILogger log = logs.CreateLogger(typeof(SmartTokenApi).FullName!);
        (SmartClientRecord? client, string? refusal) = await validator.ValidateAsync(assertion, SmartEndpoints.TokenUrl(context, smart), context.RequestAborted);
        if (client == null)
        {
            log.LogWarning("Refused a client assertion from {RemoteIp}: {Reason}", context.Connection.RemoteIpAddress, refusal);
            return Error(401, "invalid_client", refusal!);
        }

        SmartScopeSet granted = SmartScopeSet.Parse(scope).Grant(SmartScopeSet.Parse(client.AllowedScopes));
        if (granted.IsEmpty)
        {
            return Error(400, "invalid_scope", $"none of the requested scopes is allowed for client {client.Id}; it may be granted: {client.AllowedScopes}");
        }

        string token = BearerSecret.New(BearerSecret.AccessTokenPrefix);
        DateTimeOffset now = time.GetUtcNow();
        await clients.IssueAccessTokenAsync(BearerSecret.Hash(token), client.Id, granted.ToString(), now, now.AddSeconds(smart.AccessTokenLifetimeSeconds), context.RequestAborted);
        log.LogInformation("Issued an access token to client {ClientId} for {Scopes}", client.Id, granted.ToString());
        return TypedResults.Json(new Dictionary<string, object>
        {
            ["access_token"] = token,
            ["token_type"] = "bearer",
            ["expires_in"] = smart.AccessTokenLifetimeSeconds,
            ["scope"] = granted.ToString(),
        });
    }

    private static IResult Error(int status, string error, string description) =>
        TypedResults.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: status);
}
