using System;
using System.Globalization;

namespace Dorset.Telehealth.Cloud.Ingestion;

/// <summary>
/// Checks a reading key sent on its own (an alert naming its readings) against the grammar of cloud/README.md
/// "The reading key". Each part is checked with the readings contract's own rules, and the key must be exactly
/// what <see cref="BatchReading.KeyOf"/> builds from those parts, so "0017" or "+17" are not the key of sequence 17.
/// </summary>
public static class ReadingKey
{
    /// <summary>True when <paramref name="key"/> is a canonical reading key; else false with the reason.</summary>
    public static bool IsCanonical(string key, out string why)
    {
        string[] parts = key.Split('/');
        if (parts.Length != 4)
        {
            why = "a reading key has four parts: unitId/outboxSequence/device.address/(s<deviceSequence>|t<deviceTime>|-)";
            return false;
        }

        if (!ContractPatterns.UnitId().IsMatch(parts[0]))
        {
            why = "its unitId must be 1..64 characters of A-Z a-z 0-9 _ -";
            return false;
        }

        if (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long outboxSequence))
        {
            why = "its outboxSequence must be a non-negative decimal integer";
            return false;
        }

        if (!ContractPatterns.Address().IsMatch(parts[2]))
        {
            why = "its device address must be six upper-case hex octets separated by colons";
            return false;
        }

        long? deviceSequence = null;
        string? deviceTime = null;
        string device = parts[3];
        if (device.StartsWith('s') && long.TryParse(device.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out long sequence) && sequence <= uint.MaxValue)
        {
            deviceSequence = sequence;
        }
        else if (device.StartsWith('t') && ContractPatterns.LocalTime().IsMatch(device[1..])
            && DateTime.TryParseExact(device[1..], "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            deviceTime = device[1..];
        }
        else if (device != "-")
        {
            why = "its last part must be s<deviceSequence>, t<deviceTime yyyy-MM-ddTHH:mm:ss> or -";
            return false;
        }

        string canonical = BatchReading.KeyOf(parts[0], outboxSequence, parts[2], deviceSequence, deviceTime);
        why = canonical == key ? string.Empty : $"not canonical: expected '{canonical}'";
        return why.Length == 0;
    }
}
