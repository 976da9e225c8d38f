namespace Dorset.Telehealth.Cloud.Registry;

/// <summary>
/// NHS number validation: 10 digits, the last a modulus-11 check digit (NHS Data Dictionary, "NHS Number": weights
/// 10..2 on the first nine digits, check = 11 - (sum mod 11); 11 becomes 0; 10 means the number is invalid).
/// </summary>
public static class NhsNumber
{
    /// <summary>The FHIR identifier system for NHS numbers.</summary>
    public const string System = "https://fhir.nhs.uk/Id/nhs-number";

    /// <summary>Validates <paramref name="text"/>; spaces are allowed as in "943 476 5919" and removed.</summary>
    /// <returns>True with the 10-digit form, or false with the reason.</returns>
    public static bool TryNormalise(string? text, out string normalised, out string reason)
    {
        normalised = string.Empty;
        string digits = (text ?? string.Empty).Replace(" ", string.Empty, global::System.StringComparison.Ordinal);
        if (digits.Length != 10)
        {
            reason = $"an NHS number has 10 digits, got {digits.Length} characters";
            return false;
        }

        int sum = 0;
        for (int i = 0; i < 10; i++)
        {
            if (digits[i] < '0' || digits[i] > '9')
            {
                reason = $"an NHS number has only digits, found '{digits[i]}' at position {i + 1}";
                return false;
            }

            if (i < 9)
            {
                sum += (digits[i] - '0') * (10 - i);
            }
        }

        int check = 11 - (sum % 11);
        if (check == 11)
        {
            check = 0;
        }

        if (check == 10)
        {
            reason = "no valid check digit exists for these first nine digits (modulus 11 gives 10)";
            return false;
        }

        if (digits[9] - '0' != check)
        {
            reason = $"check digit is {digits[9]}, modulus 11 of the first nine digits requires {check}";
            return false;
        }

        normalised = digits;
        reason = string.Empty;
        return true;
    }
}
