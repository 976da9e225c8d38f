using System.Collections.Generic;
using System.Globalization;

namespace Dorset.Telehealth.Demo.Provisioning;

/// <summary>
/// NHS numbers for synthetic patients: valid by modulus 11, and all starting 999, a range NHS England reserves for
/// testing and never issues to a person, so a demo or test record can never be mistaken for, or merged with, a real
/// patient's.
/// </summary>
public static class SyntheticPatients
{
    /// <summary>The first <paramref name="count"/> valid numbers of 999 000 0001 onwards (those whose check digit would be 10 are skipped).</summary>
    public static IReadOnlyList<string> NhsNumbers(int count)
    {
        var numbers = new List<string>();
        for (int serial = 1; numbers.Count < count; serial++)
        {
            string first9 = "999" + serial.ToString("D6", CultureInfo.InvariantCulture);
            int sum = 0;
            for (int i = 0; i < 9; i++)
            {
                sum += (first9[i] - '0') * (10 - i);
            }

            int check = 11 - (sum % 11);
            if (check == 10)
            {
                continue;
            }

            numbers.Add(first9 + (check == 11 ? 0 : check).ToString(CultureInfo.InvariantCulture));
        }

        return numbers;
    }
}
