using System;
using System.Security.Cryptography;
using System.Text;

namespace Dorset.Telehealth.Cloud.Registry;

/// <summary>
/// Bearer secrets of gateways (posting readings), FHIR readers and SMART access tokens (reading them): 256 random bits shown once, stored as
/// SHA-256 of the secret. The prefix says which kind a secret is, so each is looked up only where it can be valid.
/// </summary>
/// <remarks>
/// Why not PBKDF2 with a salt: slow salted hashing protects low-entropy human passwords against offline guessing.
/// These secrets are 256-bit random values, so guessing a preimage of the SHA-256 is as infeasible as guessing the
/// secret itself; salting adds nothing when no two secrets are alike. An unsalted fast hash lets each request find
/// its gateway by an indexed lookup of the hash (no gateway id needed in the header, no per-request key stretching,
/// which at 100k PBKDF2 iterations would cost ~50 ms of CPU per batch on every replica).
/// </remarks>
public static class BearerSecret
{
    /// <summary>The prefix of every gateway secret, so a leaked one is recognisable in logs and secret scanners.</summary>
    public const string GatewayPrefix = "dgw_";

    /// <summary>The prefix of every FHIR reader secret.</summary>
    public const string ReaderPrefix = "dfr_";

    /// <summary>The prefix of every SMART access token (issued by the token endpoint, minutes long; stored the same way).</summary>
    public const string AccessTokenPrefix = "dat_";

    /// <summary>A new secret: <paramref name="prefix"/> plus 32 random bytes in base64url without padding.</summary>
    public static string New(string prefix)
    {
        return prefix + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
    }

    /// <summary>The stored form: "sha256:" plus lower-case hex.</summary>
    public static string Hash(string secret)
    {
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }
}
