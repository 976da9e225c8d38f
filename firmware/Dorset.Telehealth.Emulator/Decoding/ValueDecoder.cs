using System.IO;
using System.Text;
using System.Text.Json;

namespace Dorset.Telehealth.Emulator.Decoding;

/// <summary>Turns "characteristic + hex" into one line of JSON, or an error sentence naming the field.</summary>
public static class ValueDecoder
{
    /// <summary>
    /// Decodes <paramref name="hex"/> as <paramref name="characteristic"/>. Returns the JSON object, or null with
    /// <paramref name="error"/> set to "name: reason".
    /// </summary>
    public static string? TryDecodeToJson(string characteristic, string hex, out string? error)
    {
        var formatter = CharacteristicCatalog.Find(characteristic);
        if (formatter == null)
        {
            error = $"{characteristic}: unknown characteristic (known: {KnownNames()})";
            return null;
        }

        if (!HexText.TryParse(hex, out byte[] bytes, out string? hexError))
        {
            error = $"{formatter.Name}: {hexError}";
            return null;
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("characteristic", formatter.Name);
            if (!formatter.TryFormat(bytes, json, out var failure))
            {
                error = $"{formatter.Name}: {failure!.Message}";
                return null;
            }

            json.WriteEndObject();
        }

        error = null;
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The names the catalog knows, comma-separated.</summary>
    public static string KnownNames()
    {
        var names = new StringBuilder();
        foreach (var formatter in CharacteristicCatalog.All)
        {
            if (names.Length > 0)
            {
                names.Append(", ");
            }

            names.Append(formatter.Name);
        }

        return names.ToString();
    }
}
