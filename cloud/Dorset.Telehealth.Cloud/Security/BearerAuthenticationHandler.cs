using System;
using System.Linq;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Apis;
using Dorset.Telehealth.Cloud.Audit;
using Dorset.Telehealth.Cloud.Diagnostics;
using Dorset.Telehealth.Cloud.Registry;
using Dorset.Telehealth.Cloud.Storage;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dorset.Telehealth.Cloud.Security;

/// <summary>
/// `Authorization: Bearer &lt;secret&gt;`: a gateway secret (dgw_...), a FHIR reader secret (dfr_...) or a SMART access
/// token (dat_..., from /auth/token), found by its SHA-256 among the unrevoked (and, for tokens, unexpired) ones (see
/// <see cref="BearerSecret"/> for why a fast hash). Looked up on every request, so a revocation applies at once on every
/// replica. Each kind carries its role, and each endpoint group requires one: a gateway cannot read the FHIR API, and
/// a reader cannot post readings; a SMART token also carries its scopes (<see cref="Smart.FhirAccessRequirement"/>).
/// </summary>
public sealed class BearerAuthenticationHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "DorsetBearer";

    /// <summary>The claim carrying a gateway's hub.</summary>
    public const string HubClaim = "dorset:hub";

    /// <summary>The role of a gateway secret.</summary>
    public const string GatewayRole = "gateway";

    /// <summary>The role of a FHIR reader secret.</summary>
    public const string ReaderRole = "fhir-reader";

    /// <summary>The role of a SMART access token.</summary>
    public const string SmartClientRole = "smart-client";

    private readonly ICloudRegistry _registry;
    private readonly CloudMetrics _metrics;
    private readonly ISmartClients _clients;
    private readonly TimeProvider _time;

    /// <summary>Creates the handler.</summary>
    public BearerAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ICloudRegistry registry,
        CloudMetrics metrics, ISmartClients clients, TimeProvider time)
        : base(options, logger, encoder)
    {
        _registry = registry;
        _metrics = metrics;
        _clients = clients;
        _time = time;
    }

    /// <inheritdoc/>
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header == null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        string secret = header["Bearer ".Length..].Trim();
        if (secret.Length == 0 || secret.Length > 200)
        {
            return AuthenticateResult.Fail("malformed bearer secret");
        }

        ClaimsIdentity? identity = secret.StartsWith(BearerSecret.ReaderPrefix, StringComparison.Ordinal) ? await ReaderAsync(BearerSecret.Hash(secret))
            : secret.StartsWith(BearerSecret.AccessTokenPrefix, StringComparison.Ordinal) ? await SmartClientAsync(BearerSecret.Hash(secret))
            : await GatewayAsync(BearerSecret.Hash(secret));
        if (identity == null)
        {
            // Unknown and revoked look alike on purpose: the caller learns nothing about which ids exist.
            Logger.LogWarning("Refused a bearer credential (unknown, expired or revoked) from {RemoteIp}", Context.Connection.RemoteIpAddress);
            return AuthenticateResult.Fail("unknown, expired or revoked secret");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <inheritdoc/>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"dorset-cloud\"";
        return RefuseFhirAsync(OperationOutcome.IssueType.Login,
            "a SMART access token (POST /auth/token) or a FHIR reader's secret is required: none was given, or it is unknown, expired or revoked");
    }

    /// <inheritdoc/>
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        // Name the scope this request needed, so an integrator knows what to ask the admin for.
        string needed = Smart.FhirInteraction.Of(Context) is { } interaction
            ? $"system/{interaction.ResourceType}.{interaction.Permission}"
            : "a scope for the resource type and interaction";
        return RefuseFhirAsync(OperationOutcome.IssueType.Forbidden,
            $"this credential may not do this: a SMART access token needs {needed} (system/{{type}}.r to read, .s to search); a gateway's secret never may");
    }

    /// <summary>
    /// On the FHIR routes, the refusal as a FHIR client expects it: an OperationOutcome in FHIR JSON, counted and
    /// audited. The batch API keeps its documented empty 401/403 bodies (its contract is held equal to the gateway's).
    /// </summary>
    private async Task RefuseFhirAsync(OperationOutcome.IssueType type, string text)
    {
        if (!Request.Path.StartsWithSegments("/fhir", StringComparison.Ordinal))
        {
            return;
        }

        _metrics.FhirRefused(Response.StatusCode);
        await Context.RequestServices.GetRequiredService<FhirAuditWriter>().WriteAsync(Context, Response.StatusCode);
        Response.ContentType = FhirSearch.FhirJson + "; charset=utf-8";
        await Response.WriteAsync(FhirSearch.Serialize(FhirSearch.OutcomeOf(type, text)), Context.RequestAborted);
    }

    /// <summary>The authenticated gateway of <paramref name="user"/>, or null.</summary>
    public static GatewayIdentity? GatewayOf(ClaimsPrincipal user)
    {
        string? id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        string? hub = user.FindFirstValue(HubClaim);
        return user.IsInRole(GatewayRole) && id != null && hub != null ? new GatewayIdentity(id, hub) : null;
    }

    private async Task<ClaimsIdentity?> GatewayAsync(string hash)
    {
        GatewayIdentity? gateway = await _registry.FindGatewayBySecretHashAsync(hash, Context.RequestAborted);
        return gateway == null ? null : Identity(gateway.Id, GatewayRole, new Claim(HubClaim, gateway.Hub));
    }

    private async Task<ClaimsIdentity?> ReaderAsync(string hash)
    {
        string? reader = await _registry.FindReaderBySecretHashAsync(hash, Context.RequestAborted);
        return reader == null ? null : Identity(reader, ReaderRole);
    }

    private async Task<ClaimsIdentity?> SmartClientAsync(string hash)
    {
        SmartAccessToken? token = await _clients.FindAccessTokenAsync(hash, _time.GetUtcNow(), Context.RequestAborted);
        return token == null ? null : Identity(token.ClientId, SmartClientRole,
            Smart.SmartScopeSet.Parse(token.Scopes).Scopes.Select(s => new Claim(Smart.FhirAccessRequirement.ScopeClaim, s.ToString())).ToArray());
    }

    private static ClaimsIdentity Identity(string id, string role, params Claim[] more)
    {
        var identity = new ClaimsIdentity(SchemeName, ClaimTypes.NameIdentifier, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, id));
        identity.AddClaim(new Claim(ClaimTypes.Role, role));
        identity.AddClaims(more);
        return identity;
    }
}
