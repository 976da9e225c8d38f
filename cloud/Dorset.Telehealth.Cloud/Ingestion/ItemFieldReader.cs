using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Dorset.Telehealth.Cloud.Ingestion;

/// <summary>
/// Reads the typed fields of one item of a batch array and keeps the first problem as a <see cref="BatchError"/>
/// naming the item's index and the JSON path of the field (cloud/README.md "Errors"). Each contract's item reader
/// derives from it; every method returns false after recording the problem.
/// </summary>
public abstract class ItemFieldReader
{
    private readonly string _array;

    /// <summary>Reads <paramref name="item"/>, item <paramref name="index"/> of the array <paramref name="array"/>.</summary>
    protected ItemFieldReader(string array, int index, JsonElement item)
    {
        _array = array;
        Index = index;
        Item = item;
    }

    /// <summary>The item's 0-based index in its array.</summary>
    protected int Index { get; }

    /// <summary>The item.</summary>
    protected JsonElement Item { get; }

    /// <summary>The item's identity (reading key, alert id) once read, for the error.</summary>
    protected string? Key { get; set; }

    /// <summary>The first problem, or null.</summary>
    public BatchError? Error { get; private set; }

    /// <summary>Records the first problem at <paramref name="field"/> (relative to the item; empty for the item itself).</summary>
    protected bool Record(string field, string detail)
    {
        string path = field.Length == 0 ? $"{_array}[{Index}]" : $"{_array}[{Index}].{field}";
        Error ??= new BatchError(Index, Key, path, detail);
        return false;
    }

    /// <summary>Takes the first problem another reader of the same item found; false, so a caller can return it.</summary>
    protected bool Adopt(BatchError error)
    {
        Error ??= error;
        return false;
    }

    /// <summary>A string property; absent or null is an error only when <paramref name="required"/>.</summary>
    protected bool String(JsonElement parent, string name, bool required, out string? value, string prefix = "", bool nullable = false)
    {
        value = null;
        if (!parent.TryGetProperty(name, out JsonElement e) || e.ValueKind == JsonValueKind.Null)
        {
            return !required || Record(prefix + name, $"{prefix}{name} is required");
        }

        if (e.ValueKind != JsonValueKind.String)
        {
            return Record(prefix + name, $"{prefix}{name} must be a string" + (nullable ? " or null" : string.Empty));
        }

        value = e.GetString();
        return true;
    }

    /// <summary>A string of <paramref name="min"/>..<paramref name="max"/> characters (null allowed unless required).</summary>
    protected bool Text(JsonElement parent, string name, int min, int max, bool required, out string? value, string prefix = "")
    {
        if (!String(parent, name, required, out value, prefix, nullable: !required))
        {
            return false;
        }

        return value == null || (value.Length >= min && value.Length <= max)
            || Record(prefix + name, $"{prefix}{name} must be {min}..{max} characters, got {value.Length}");
    }

    /// <summary>An integer property in <paramref name="min"/>..<paramref name="max"/>.</summary>
    protected bool Integer(JsonElement parent, string name, long min, long max, bool required, out long? value, string prefix = "")
    {
        value = null;
        if (!parent.TryGetProperty(name, out JsonElement e) || e.ValueKind == JsonValueKind.Null)
        {
            return !required || Record(prefix + name, $"{prefix}{name} is required");
        }

        if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt64(out long n) || n < min || n > max)
        {
            return Record(prefix + name, $"{prefix}{name} must be an integer in {min}..{max}, got {e.GetRawText()}");
        }

        value = n;
        return true;
    }

    /// <summary>A string from <paramref name="allowed"/>, or null when not required.</summary>
    protected bool Choice(JsonElement parent, string name, IReadOnlyList<string> allowed, bool required, out string? value, string prefix = "")
    {
        if (!String(parent, name, required, out value, prefix, nullable: !required))
        {
            return false;
        }

        return value == null || ((IList<string>)allowed).Contains(value)
            || Record(prefix + name, $"unknown {name} '{value}': expected one of {string.Join(", ", allowed)}");
    }

    /// <summary>A UTC time in the contract's format (`yyyy-MM-ddTHH:mm:ss[.fffffff]Z`).</summary>
    protected bool UtcTime(JsonElement parent, string name, bool required, out DateTimeOffset? value, string prefix = "")
    {
        value = null;
        if (!String(parent, name, required, out string? text, prefix, nullable: !required))
        {
            return false;
        }

        if (text == null)
        {
            return true;
        }

        if (!ContractPatterns.UtcTime().IsMatch(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed))
        {
            return Record(prefix + name, $"{prefix}{name} must be a UTC time yyyy-MM-ddTHH:mm:ss[.fffffff]Z, got '{text}'");
        }

        value = parsed;
        return true;
    }

    /// <summary>
    /// An exact decimal as a string or a JSON number of the same shape; the text is kept as sent, never passed
    /// through binary floating point.
    /// </summary>
    protected bool ExactDecimal(JsonElement parent, string name, out string? text, string prefix = "")
    {
        text = null;
        if (!parent.TryGetProperty(name, out JsonElement raw)
            || (raw.ValueKind != JsonValueKind.String && raw.ValueKind != JsonValueKind.Number))
        {
            return Record(prefix + name, $"{prefix}{name} must be an exact decimal string or number");
        }

        string candidate = raw.ValueKind == JsonValueKind.String ? raw.GetString()! : raw.GetRawText();
        if (!ContractPatterns.ExactDecimal().IsMatch(candidate))
        {
            return Record(prefix + name, $"{prefix}{name} {raw.GetRawText()} is not an exact decimal (up to 9 digits each side of the point, no exponent)");
        }

        text = candidate;
        return true;
    }

    /// <summary>The object property <paramref name="name"/>; absent or null gives false in <paramref name="present"/>.</summary>
    protected bool OptionalObject(JsonElement parent, string name, out JsonElement value, out bool present, string prefix = "")
    {
        present = parent.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
        return !present || value.ValueKind == JsonValueKind.Object || Record(prefix + name, $"{prefix}{name} must be an object or null");
    }

    /// <summary>The array property <paramref name="name"/> of at most <paramref name="max"/> items.</summary>
    protected bool Array(JsonElement parent, string name, int max, out JsonElement value, string prefix = "")
    {
        if (!parent.TryGetProperty(name, out value) || value.ValueKind != JsonValueKind.Array)
        {
            return Record(prefix + name, $"{prefix}{name} must be an array");
        }

        int count = value.GetArrayLength();
        return count <= max || Record(prefix + name, $"{prefix}{name} holds at most {max} items, got {count}");
    }
}
