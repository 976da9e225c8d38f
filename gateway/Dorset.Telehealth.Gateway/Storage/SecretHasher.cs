using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dorset.Telehealth.Gateway.Storage;

/// <summary>
/// Per-unit secrets: 256 random bits shown once, stored only as a salted PBKDF2-HMAC-SHA256 hash
/// ("pbkdf2-sha256$iterations$salt$hash", base64). The iteration count is stored with the hash so it can be raised
/// later without invalidating existing units.
/// </summary>
public static class SecretHasher
{
    /// <summary>
    /// OWASP's 2023 figure for PBKDF2-HMAC-SHA256 is 600,000 for human passwords; unit secrets are 256-bit random, so a
    /// brute force is hopeless regardless, and 100,000 keeps a Raspberry Pi's reconnect storm (every unit at once after
    /// a hub reboot) to seconds rather than minutes.
    /// </summary>
    public const int DefaultIterations = 100_000;

    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>A new secret: 32 random bytes, base64url without padding (43 characters, safe in any config file).</summary>
    public static string NewSecret()
    {
        return Base64Url(RandomNumberGenerator.GetBytes(32));
    }

    /// <summary>The stored form of <paramref name="secret"/> with a fresh salt.</summary>
    public static string Hash(string secret, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(secret);
        byte[] salt = RandomNumberGenerator.GetBytes(SaltBytes);
        byte[] hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Join('$', Scheme, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>True when <paramref name="secret"/> matches <paramref name="stored"/>; false for any malformed stored value.</summary>
    public static bool Verify(string secret, string stored)
    {
        if (secret == null || stored == null)
        {
            return false;
        }

        string[] parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
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

    private static string Base64Url(byte[] bytes)
    {
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
