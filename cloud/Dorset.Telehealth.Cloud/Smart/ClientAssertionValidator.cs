using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Storage;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dorset.Telehealth.Cloud.Smart;

/// <summary>
/// Checks a `private_key_jwt` client assertion (SMART Backend Services "Authenticating to the token endpoint"):
/// signed RS384 or ES384 by a key in the client's registered JWKS, iss = sub = the client id, aud = this token endpoint,
/// exp at most five minutes ahead, and a jti this client has not used before. The signature and the standard claims are
/// checked by Microsoft.IdentityModel; the cloud holds no crypto of its own.
/// </summary>
public sealed class ClientAssertionValidator
{
    /// <summary>The longest an assertion may be valid for, from now (SMART: "no more than five minutes in the future").</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);

    private static readonly string[] s_algorithms = { SecurityAlgorithms.RsaSha384, SecurityAlgorithms.EcdsaSha384 };

    private readonly ISmartClients _clients;
    private readonly TimeProvider _time;
    private readonly SmartOptions _options;
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>Creates the validator.</summary>
    public ClientAssertionValidator(ISmartClients clients, TimeProvider time, IOptions<SmartOptions> options)
    {
        _clients = clients;
        _time = time;
        _options = options.Value;
    }

    /// <summary>The algorithms accepted, as smart-configuration lists them.</summary>
    public static IReadOnlyList<string> Algorithms => s_algorithms;

    /// <summary>The client the assertion authenticates, or the reason it does not (for the invalid_client answer).</summary>
    public async Task<(SmartClientRecord? Client, string? Refusal)> ValidateAsync(string assertion, string tokenEndpoint, CancellationToken cancel)
    {
        if (!_handler.CanReadToken(assertion))
        {
            return (null, "client_assertion is not a compact JWS");
        }

        JsonWebToken unverified;
        try
        {
            unverified = new JsonWebToken(assertion);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenMalformedException)
        {
            return (null, "client_assertion is not a well-formed JWT");
        }

        SmartClientRecord? client = unverified.Issuer is { Length: > 0 } issuer ? await _clients.FindSmartClientAsync(issuer, cancel) : null;
        if (client == null)
        {
            // Unknown and revoked look alike, as for secrets: the caller learns nothing about which ids exist.
            return (null, "iss is not a registered, unrevoked client");
        }

        TimeSpan skew = TimeSpan.FromSeconds(_options.ClockSkewSeconds);
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = client.Id,
            ValidAudience = tokenEndpoint,
            IssuerSigningKeys = new JsonWebKeySet(client.JwksJson).GetSigningKeys(),
            ValidAlgorithms = s_algorithms,
            RequireSignedTokens = true,
            // exp and nbf are checked below against the host's TimeProvider, which this library version cannot take.
            ValidateLifetime = false,
            TryAllIssuerSigningKeys = true,
        };
        TokenValidationResult result = await _handler.ValidateTokenAsync(assertion, parameters);
        if (!result.IsValid)
        {
            return (null, Reason(result.Exception, tokenEndpoint));
        }

        var token = (JsonWebToken)result.SecurityToken;
        DateTimeOffset now = _time.GetUtcNow();
        if (token.Subject != client.Id)
        {
            return (null, "sub must equal iss, the client id");
        }

        if (!token.TryGetPayloadValue("exp", out long _))
        {
            return (null, "exp is required");
        }

        DateTimeOffset expires = new(token.ValidTo, TimeSpan.Zero);
        if (expires + skew <= now)
        {
            return (null, "the assertion has expired");
        }

        if (token.ValidFrom != DateTime.MinValue && new DateTimeOffset(token.ValidFrom, TimeSpan.Zero) > now + skew)
        {
            return (null, "the assertion is not yet valid (nbf)");
        }

        if (expires > now + MaxLifetime + skew)
        {
            return (null, "exp is more than five minutes ahead");
        }

        if (token.Id is not { Length: > 0 and <= 255 } jti)
        {
            return (null, "jti is required (1..255 characters)");
        }

        // Kept until the assertion expires: after that the assertion is refused as expired anyway.
        if (!await _clients.RecordAssertionAsync(client.Id, jti, expires + skew, now, cancel))
        {
            return (null, "jti was used before: an assertion is good for one token request only");
        }

        return (client, null);
    }

    private static string Reason(Exception? failure, string tokenEndpoint) => failure switch
    {
        SecurityTokenInvalidAudienceException => $"aud must be the token endpoint, {tokenEndpoint}",
        SecurityTokenInvalidAlgorithmException => $"alg must be one of {string.Join(", ", s_algorithms)}",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the signature does not verify with the client's registered keys",
        _ => "the assertion is not valid",
    };
}
