using System.Globalization;
using System.Text.RegularExpressions;
using Dorset.Telehealth.Protocol.Numbers;

namespace Dorset.Telehealth.Gateway.Ingest;

/// <summary>
/// The cloud contract's exact decimal (cloud/README.md "values[].value": at most 9 digits either side of the point),
/// from a frame value. A frame value is a 32-bit mantissa with an exponent up to 10^127, far beyond what a decimal
/// holds or the contract carries; such a value is "not a number" to the gateway, like a special value.
/// </summary>
public static partial class ContractDecimal
{
    /// <summary>The exact value, or false for a special value and for one no decimal can hold.</summary>
    public static bool TryParse(MedicalFloat value, out decimal exact)
    {
        exact = 0;
        return value.IsNumber && decimal.TryParse(value.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out exact);
    }

    /// <summary>The value's text as the contract writes it, rounded to 9 decimals; null when it has more than 9 integer digits.</summary>
    public static string? Text(decimal value)
    {
        string text = value.ToString("0.#########", CultureInfo.InvariantCulture);
        return Pattern().IsMatch(text) ? text : null;
    }

    [GeneratedRegex("^-?[0-9]{1,9}(\\.[0-9]{1,9})?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
