using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Registry;
using Dorset.Telehealth.Cloud.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dorset.Telehealth.Cloud.Ingestion;

/// <summary>
/// `Authorization: Bearer &lt;gateway secret&gt;`: the secret's SHA-256 finds an unrevoked gateway (see
/// <see cref="GatewaySecret"/> for why a fast hash). Looked up on every request, so a revocation applies at once on
/// every replica.
/// </summary>
public sealed class GatewayAuthenticationHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "GatewayBearer";

    /// <summary>The claim carrying the gateway's hub.</summary>
    public const string HubClaim = "dorset:hub";

    private readonly ICloudStore _store;

    /// <summary>Creates the handler.</summary>
    public GatewayAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ICloudStore store)
        : base(options, logger, encoder)
    {
        _store = store;
    }

    /// <inheritdoc/>
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header == null || !header.StartsWith("Bearer ", System.StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        string secret = header["Bearer ".Length..].Trim();
        if (secret.Length == 0 || secret.Length > 200)
        {
            return AuthenticateResult.Fail("malformed bearer secret");
        }

        GatewayIdentity? gateway = await _store.FindGatewayBySecretHashAsync(GatewaySecret.Hash(secret), Context.RequestAborted);
        if (gateway == null)
        {
            // Unknown and revoked look alike on purpose: the caller learns nothing about which ids exist.
            Logger.LogWarning("Refused a gateway credential (unknown or revoked) from {RemoteIp}", Context.Connection.RemoteIpAddress);
            return AuthenticateResult.Fail("unknown or revoked gateway secret");
        }

        var identity = new ClaimsIdentity(new[]
        {
            new Claim(ClaimTypes.NameIdentifier, gateway.Id),
            new Claim(HubClaim, gateway.Hub),
        }, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <inheritdoc/>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"dorset-cloud\"";
        return Task.CompletedTask;
    }

    /// <summary>The authenticated gateway of <paramref name="user"/>, or null.</summary>
    public static GatewayIdentity? GatewayOf(ClaimsPrincipal user)
    {
        string? id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        string? hub = user.FindFirstValue(HubClaim);
        return id != null && hub != null ? new GatewayIdentity(id, hub) : null;
    }
}
