using System;
using System.Text;

namespace Dorset.Telehealth.Emulator.Decoding;

/// <summary>Hex as people paste it: "1f 02 00", "1F:02:00" or "1f0200".</summary>
public static class HexText
{
    /// <summary>Parses hex digits, ignoring spaces, tabs and colons.</summary>
    public static bool TryParse(string text, out byte[] bytes, out string? error)
    {
        var digits = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c is ' ' or ':' or '\t')
            {
                continue;
            }

            if (!Uri.IsHexDigit(c))
            {
                bytes = [];
                error = $"hex: '{c}' is not a hex digit";
                return false;
            }

            digits.Append(c);
        }

        if (digits.Length % 2 != 0)
        {
            bytes = [];
            error = $"hex: odd number of digits ({digits.Length})";
            return false;
        }

        bytes = Convert.FromHexString(digits.ToString());
        error = null;
        return true;
    }
}
