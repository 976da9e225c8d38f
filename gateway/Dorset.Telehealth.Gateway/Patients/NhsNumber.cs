using System;

namespace Dorset.Telehealth.Gateway.Patients;

/// <summary>
/// An NHS number checked by NHS Digital's modulus 11 algorithm (NHS Data Dictionary, "NHS Number"): ten digits, the
/// first nine weighted 10 down to 2, and the tenth is 11 minus the weighted sum mod 11, where 11 means 0 and 10 means
/// no number can be issued with those nine digits. Stored as the ten digits, shown 3-3-4 as on NHS letters.
/// </summary>
public static class NhsNumber
{
    /// <summary>The number of digits.</summary>
    public const int Length = 10;

    /// <summary>
    /// Parses <paramref name="input"/> (spaces allowed, e.g. "943 476 5919"): the ten digits, or null with a one-line
    /// problem naming what is wrong.
    /// </summary>
    public static string? Parse(string? input, out string? problem)
    {
        string digits = (input ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal);
        foreach (char c in digits)
        {
            if (c is < '0' or > '9')
            {
                problem = $"NHS number '{Bounded(input)}' must be {Length} digits (spaces allowed), not letters or other characters";
                return null;
            }
        }

        if (digits.Length != Length)
        {
            problem = $"NHS number '{Bounded(input)}' must be {Length} digits, not {digits.Length}";
            return null;
        }

        int check = CheckDigit(digits);
        problem = check == 10 ? $"NHS number {Format(digits)} is not valid: no NHS number starts with those nine digits (modulus 11 check)"
            : check != digits[9] - '0' ? $"NHS number {Format(digits)} is not valid: its check digit is wrong (mistyped?)"
            : null;
        return problem == null ? digits : null;
    }

    /// <summary>Ten digits as 3-3-4, e.g. "943 476 5919".</summary>
    public static string Format(string digits) => digits.Length == Length ? $"{digits[..3]} {digits[3..6]} {digits[6..]}" : digits;

    // 0-9 is the check digit; 10 means the nine digits can never form a valid number.
    private static int CheckDigit(string digits)
    {
        int sum = 0;
        for (int i = 0; i < 9; i++)
        {
            sum += (digits[i] - '0') * (10 - i);
        }

        int check = 11 - (sum % 11);
        return check == 11 ? 0 : check;
    }

    // A pasted paragraph would make an unreadable message.
    private static string Bounded(string? input) => input is { Length: > 20 } ? input[..20] + "..." : input ?? string.Empty;
}
