using System.Globalization;

namespace Dorset.Telehealth.Clinical.Rules;

/// <summary>Numbers in alert sentences: invariant culture, as in every contract.</summary>
internal static class RuleText
{
    public static string Of(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
