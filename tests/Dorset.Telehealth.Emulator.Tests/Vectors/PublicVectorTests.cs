using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Dorset.Telehealth.Emulator.Decoding;

namespace Dorset.Telehealth.Emulator.Tests.Vectors;

/// <summary>
/// The public vectors (copied from the shared reference so the project runs on its own): every well-formed vector
/// decodes to each field of its "expect", and every "malformed" one is refused with a reason.
/// </summary>
public class PublicVectorTests
{
    public static TheoryData<string, string, string> WellFormed() => Load(malformed: false);

    public static TheoryData<string, string, string> Malformed() => Load(malformed: true);

    [Theory]
    [MemberData(nameof(WellFormed))]
    public void Decode_PublicVector_MatchesEveryExpectedField(string characteristic, string hex, string origin)
    {
        string? json = ValueDecoder.TryDecodeToJson(characteristic, hex, out string? error);

        Assert.True(json != null, $"{origin}: {error}");
        using var actual = JsonDocument.Parse(json!);
        using var expected = JsonDocument.Parse(ExpectOf(characteristic, hex));
        foreach (var field in expected.RootElement.EnumerateObject())
        {
            Assert.True(actual.RootElement.TryGetProperty(field.Name, out var value), $"{origin}: no field '{field.Name}' in {json}");
            AssertSameValue(field.Value, value, $"{origin}: field '{field.Name}' in {json}");
        }
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Decode_MalformedPublicVector_IsRefusedWithAReasonNamingTheCharacteristic(string characteristic, string hex, string origin)
    {
        Assert.True(CharacteristicCatalog.Find(characteristic) != null, $"{origin}: no decoder for {characteristic}");
        string? json = ValueDecoder.TryDecodeToJson(characteristic, hex, out string? error);

        Assert.True(json == null, $"{origin}: decoded to {json}");
        Assert.StartsWith(characteristic + ": ", error);
    }

    private static void AssertSameValue(JsonElement expected, JsonElement actual, string context)
    {
        if (expected.ValueKind == JsonValueKind.Number)
        {
            Assert.True(actual.ValueKind == JsonValueKind.Number, context);
            Assert.True(expected.GetDecimal() == actual.GetDecimal(), $"{context}: expected {expected}, got {actual}");
        }
        else
        {
            Assert.True(expected.ValueKind == actual.ValueKind, $"{context}: expected {expected.ValueKind}, got {actual.ValueKind}");
            Assert.True(JsonElement.DeepEquals(expected, actual), $"{context}: expected {expected}, got {actual}");
        }
    }

    private static string VectorFile => Path.Combine(System.AppContext.BaseDirectory, "Vectors", "ble-public.json");

    private static string ExpectOf(string characteristic, string hex)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(VectorFile));
        foreach (var vector in doc.RootElement.EnumerateArray())
        {
            if (vector.GetProperty("characteristic").GetString() == characteristic && vector.GetProperty("hex").GetString() == hex)
            {
                return vector.GetProperty("expect").GetRawText();
            }
        }

        throw new KeyNotFoundException($"{characteristic} {hex}");
    }

    private static TheoryData<string, string, string> Load(bool malformed)
    {
        var rows = new TheoryData<string, string, string>();
        using var doc = JsonDocument.Parse(File.ReadAllText(VectorFile));
        foreach (var vector in doc.RootElement.EnumerateArray())
        {
            bool isMalformed = vector.TryGetProperty("malformed", out var flag) && flag.GetBoolean();
            if (isMalformed == malformed)
            {
                rows.Add(vector.GetProperty("characteristic").GetString()!, vector.GetProperty("hex").GetString()!,
                    vector.GetProperty("origin").GetString()!);
            }
        }

        return rows;
    }
}
