using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Dorset.Telehealth.Cloud.Ingestion;

/// <summary>
/// The outer shape both batch contracts share: a JSON object with an optional `gatewayId` and one array of
/// 1..max items, each read by the contract's item reader, each identity at most once in the batch.
/// </summary>
public static class BatchEnvelope
{
    /// <summary>Reads one item; returns null with the error when the item is invalid.</summary>
    public delegate T? ItemParser<T>(int index, JsonElement item, out BatchError? error)
        where T : class;

    /// <summary>Parses <paramref name="body"/>: every item valid, or the first problem.</summary>
    /// <param name="body">The request body.</param>
    /// <param name="array">The items' property: readings, alerts.</param>
    /// <param name="max">The most items allowed.</param>
    /// <param name="parse">Reads one item.</param>
    /// <param name="identity">An item's identity, unique in the batch, and the field named when it repeats.</param>
    /// <param name="gatewayId">The claimed gateway id, or null.</param>
    /// <param name="items">The valid items in request order.</param>
    /// <param name="error">The first problem.</param>
    public static bool TryParse<T>(ReadOnlyMemory<byte> body, string array, int max, ItemParser<T> parse, Func<T, (string Id, string Field)> identity,
        out string? gatewayId, out IReadOnlyList<T>? items, out BatchError? error)
        where T : class
    {
        gatewayId = null;
        items = null;
        // JsonDocument checks UTF-8 only when a string is read, and then throws InvalidOperationException, not
        // JsonException: the whole body is checked first, so that every malformed body is a 400 naming it.
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            error = new BatchError(null, null, "$", "the body is not valid UTF-8 (RFC 8259 §8.1)");
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            error = new BatchError(null, null, "$", "malformed JSON: " + e.Message);
            return false;
        }

        if (!StringsAreText(body.Span))
        {
            document.Dispose();
            error = new BatchError(null, null, "$", "a string escapes half of a UTF-16 surrogate pair");
            return false;
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = new BatchError(null, null, "$", "the body must be a JSON object");
                return false;
            }

            if (root.TryGetProperty("gatewayId", out JsonElement gw) && gw.ValueKind != JsonValueKind.Null)
            {
                if (gw.ValueKind != JsonValueKind.String)
                {
                    error = new BatchError(null, null, "gatewayId", "gatewayId must be a string or null");
                    return false;
                }

                gatewayId = gw.GetString();
            }

            if (!root.TryGetProperty(array, out JsonElement elements) || elements.ValueKind != JsonValueKind.Array)
            {
                error = new BatchError(null, null, array, $"{array} must be an array");
                return false;
            }

            int count = elements.GetArrayLength();
            if (count == 0 || count > max)
            {
                // Too many is 413, not 400: a gateway halves its batch on 413, while a 400 without an item would have
                // it send one at a time to find a culprit there is none of.
                error = new BatchError(null, null, array, $"{array} must hold 1..{max} items, got {count}", TooMany: count > max);
                return false;
            }

            var list = new List<T>(count);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            int index = 0;
            foreach (JsonElement element in elements.EnumerateArray())
            {
                T? item = parse(index, element, out error);
                if (item == null)
                {
                    return false;
                }

                (string id, string field) = identity(item);
                if (!seen.Add(id))
                {
                    error = new BatchError(index, id, $"{array}[{index}].{field}", $"{field} {id} repeated within the batch");
                    return false;
                }

                list.Add(item);
                index++;
            }

            items = list;
            error = null;
            return true;
        }
    }

    // JsonDocument keeps escapes as sent and accepts "\ud800" alone; reading it (GetString, a property lookup) then
    // throws InvalidOperationException. Every escaped string and name of the (already parsed) body is read once here.
    private static bool StringsAreText(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    _ = reader.GetString();
                }
            }

            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
