using System;
using System.Security.Cryptography;

namespace Dorset.Telehealth.Cloud.Storage;

/// <summary>
/// The id a reading is served under (`/fhir/Observation/{id}`): 128 bits from the operating system's CSPRNG as 32
/// lower-case hex digits, stored with the reading. Not its row number: a reader who knows one id, or can count, must
/// not be able to walk every patient's readings (cloud/README.md "What a reader may read by id").
/// </summary>
public static class ObservationIds
{
    /// <summary>A new id.</summary>
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Whether <paramref name="id"/> has the shape of an id (32 lower-case hex digits), so a lookup is worth a query.</summary>
    public static bool IsWellFormed(string id)
    {
        if (id.Length != 32)
        {
            return false;
        }

        foreach (char c in id)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
