using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dorset.Telehealth.Gateway.Storage;

/// <summary>
/// Per-unit secrets: 256 random bits shown once, stored only as their SHA-256 ("sha256:" and lower-case hex, as the
/// cloud stores gateway secrets). A slow hash protects guessable human passwords; against 256 random bits a brute
/// force is hopeless at any speed, and PBKDF2 only made a restarted hub spend minutes of CPU on its units' logins.
/// Hashes written before ("pbkdf2-sha256$iterations$salt$hash", base64) still verify, and <see cref="IsCurrent"/>
/// tells the registry to replace them at the unit's next successful login.
/// </summary>
public static class SecretHasher
{
    private const string Scheme = "sha256:";
    private const string LegacyScheme = "pbkdf2-sha256";

    /// <summary>A new secret: 32 random bytes, base64url without padding (43 characters, safe in any config file).</summary>
    public static string NewSecret()
    {
        return System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
    }

    /// <summary>The stored form of <paramref name="secret"/>.</summary>
    public static string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Scheme + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    /// <summary>True when <paramref name="stored"/> is in the current form (not a PBKDF2 hash from before).</summary>
    public static bool IsCurrent(string stored) => stored.StartsWith(Scheme, StringComparison.Ordinal);

    /// <summary>True when <paramref name="secret"/> matches <paramref name="stored"/>; false for any malformed stored value.</summary>
    public static bool Verify(string secret, string stored)
    {
        if (secret == null || stored == null)
        {
            return false;
        }

        if (IsCurrent(stored))
        {
            byte[] expected = Encoding.ASCII.GetBytes(stored);
            return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), expected);
        }

        return VerifyLegacy(secret, stored);
    }

    private static bool VerifyLegacy(string secret, string stored)
    {
        string[] parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != LegacyScheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int iterations) || iterations < 1)
        {
            return false;
        }

        try
        {
            byte[] salt = Convert.FromBase64String(parts[2]);
            byte[] expected = Convert.FromBase64String(parts[3]);
            byte[] actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
