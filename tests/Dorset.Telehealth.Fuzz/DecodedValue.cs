using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dorset.Telehealth.Fuzz;

/// <summary>
/// Every public property of a decoded value, nested, as JSON: two decodes that differ in any field describe
/// differently. (The Protocol types are plain nanoFramework-portable classes with no equality of their own.)
/// </summary>
public static class DecodedValue
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        // A GATT SFLOAT/FLOAT carries NaN and the infinities; they are values, not errors.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        IncludeFields = true,
    };

    /// <summary>The value as JSON.</summary>
    public static string Describe<T>(T value) => JsonSerializer.Serialize(value, s_options);
}
