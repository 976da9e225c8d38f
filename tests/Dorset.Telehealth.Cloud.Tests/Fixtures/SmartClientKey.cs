using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dorset.Telehealth.Cloud.Tests.Fixtures;

/// <summary>
/// A backend client's key pair as an integrator holds it: the private key signs client assertions, the public JWKS is
/// what the cloud registers. Built with the BCL and Microsoft.IdentityModel, as a client would, not with cloud code.
/// </summary>
public sealed class SmartClientKey : IDisposable
{
    private readonly AsymmetricAlgorithm _key;
    private readonly SigningCredentials _credentials;

    private SmartClientKey(AsymmetricAlgorithm key, SecurityKey securityKey, string algorithm, JsonObject publicJwk)
    {
        _key = key;
        _credentials = new SigningCredentials(securityKey, algorithm);
        Jwks = new JsonObject { ["keys"] = new JsonArray(publicJwk) }.ToJsonString();
    }

    /// <summary>The public key set to register.</summary>
    public string Jwks { get; }

    /// <summary>A fresh RSA 2048 key signing RS384.</summary>
    public static SmartClientKey Rsa()
    {
        var rsa = RSA.Create(2048);
        string kid = Guid.NewGuid().ToString("N");
        RSAParameters p = rsa.ExportParameters(false);
        return new SmartClientKey(rsa, new RsaSecurityKey(rsa) { KeyId = kid }, SecurityAlgorithms.RsaSha384, new JsonObject
        {
            ["kty"] = "RSA", ["kid"] = kid, ["use"] = "sig", ["alg"] = "RS384",
            ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
        });
    }

    /// <summary>A fresh P-384 key signing ES384.</summary>
    public static SmartClientKey Ec()
    {
        var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        string kid = Guid.NewGuid().ToString("N");
        ECParameters p = ec.ExportParameters(false);
        return new SmartClientKey(ec, new ECDsaSecurityKey(ec) { KeyId = kid }, SecurityAlgorithms.EcdsaSha384, new JsonObject
        {
            ["kty"] = "EC", ["kid"] = kid, ["use"] = "sig", ["alg"] = "ES384", ["crv"] = "P-384",
            ["x"] = Base64UrlEncoder.Encode(p.Q.X), ["y"] = Base64UrlEncoder.Encode(p.Q.Y),
        });
    }

    /// <summary>The JWKS with the private part too: what a careless integrator might send.</summary>
    public string PrivateJwks()
    {
        var rsa = (RSA)_key;
        RSAParameters p = rsa.ExportParameters(true);
        JsonObject key = JsonNode.Parse(Jwks)!["keys"]![0]!.AsObject();
        key["d"] = Base64UrlEncoder.Encode(p.D);
        return new JsonObject { ["keys"] = new JsonArray(key.DeepClone()) }.ToJsonString();
    }

    /// <summary>
    /// A signed client assertion: iss = sub = <paramref name="clientId"/>, aud, exp, jti as SMART Backend Services
    /// prescribes; <paramref name="issuedAt"/> is the client's clock.
    /// </summary>
    public string Assertion(string clientId, string audience, DateTimeOffset issuedAt, TimeSpan? lifetime = null, string? jti = null, string? subject = null)
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = audience,
            IssuedAt = issuedAt.UtcDateTime,
            Expires = (issuedAt + (lifetime ?? TimeSpan.FromMinutes(4))).UtcDateTime,
            Claims = new Dictionary<string, object> { ["sub"] = subject ?? clientId, ["jti"] = jti ?? Guid.NewGuid().ToString("N") },
            SigningCredentials = _credentials,
        });
    }

    /// <inheritdoc/>
    public void Dispose() => _key.Dispose();
}
