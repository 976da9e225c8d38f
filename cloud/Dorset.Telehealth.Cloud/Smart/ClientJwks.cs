using System;
using System.Linq;
using Microsoft.IdentityModel.Tokens;

namespace Dorset.Telehealth.Cloud.Smart;

/// <summary>
/// The check of a client's JSON Web Key Set when it is registered: at least one key, each an RSA key of 2048 bits or
/// more (RS384) or a P-384 EC key (ES384), and public only. A private key sent to the cloud is refused, not stored:
/// whoever sent it should make a new one, as it has left the client.
/// </summary>
public static class ClientJwks
{
    /// <summary>Why <paramref name="json"/> cannot be registered, or null when it can.</summary>
    public static string? Problem(string json)
    {
        JsonWebKeySet set;
        try
        {
            set = new JsonWebKeySet(json);
        }
        catch (ArgumentException)
        {
            // The library's message hides the detail as PII and points at its own docs: no help to an admin.
            return "not a JSON Web Key Set: the file must be JSON of the form {\"keys\": [ ...public JWKs... ]}";
        }

        if (set.Keys.Count == 0)
        {
            return "the key set has no keys";
        }

        foreach (JsonWebKey key in set.Keys)
        {
            string name = key.Kid is { Length: > 0 } kid ? $"key '{kid}'" : "a key without kid";
            if (key.HasPrivateKey || !string.IsNullOrEmpty(key.D))
            {
                return $"{name} holds a private key: register the public key only, and make a new key pair, as this one has left the client";
            }

            string? wrong = key.Kty switch
            {
                JsonWebAlgorithmsKeyTypes.RSA when key.KeySize < 2048 => $"{name} is an RSA key of {key.KeySize} bits; at least 2048 are required",
                JsonWebAlgorithmsKeyTypes.RSA => null,
                JsonWebAlgorithmsKeyTypes.EllipticCurve when key.Crv != JsonWebKeyECTypes.P384 => $"{name} is on curve {key.Crv}; ES384 needs P-384",
                JsonWebAlgorithmsKeyTypes.EllipticCurve => null,
                _ => $"{name} has kty '{key.Kty}'; RSA (RS384) or EC P-384 (ES384) is required",
            };
            if (wrong != null)
            {
                return wrong;
            }
        }

        return set.GetSigningKeys().Any() ? null : "no key in the set can verify a signature";
    }
}
