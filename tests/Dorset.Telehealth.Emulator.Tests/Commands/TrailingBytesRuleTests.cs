using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Dorset.Telehealth.Emulator.Decoding;

namespace Dorset.Telehealth.Emulator.Tests.Commands;

/// <summary>
/// The one rule for trailing bytes (firmware/README.md "Trailing bytes"): after the fields its layout or its flags
/// define, a characteristic's bytes are ignored, never refused, for every characteristic the unit reads. Device
/// Information strings have no trailing bytes (the whole value is the string) and the uplink frame, ours and
/// CRC-checked, refuses them; every other characteristic the decoder knows must have a sample here.
/// </summary>
public sealed class TrailingBytesRuleTests
{
    private static readonly Dictionary<string, string> s_samples = new()
    {
        ["glucose-measurement"] = "1f0200e40705150a1e2d00005100140600",
        ["glucose-context"] = "5f0700010d80020105100e3c0128f041f0",
        ["glucose-feature"] = "ff07",
        ["racp"] = "06000101",
        ["plx-spot-check"] = "0761004800ea070b18080000200000000000",
        ["plx-continuous"] = "00e8f384f3",
        ["plx-features"] = "0300ffff0000ff",
        ["weight-measurement"] = "066e41ea070b18080000010000",
        ["weight-scale-feature"] = "0f000000",
        ["blood-pressure-measurement"] = "15bdf00b009ff03c001200",
        ["intermediate-cuff-pressure"] = "00780050005d00",
        ["battery-level"] = "64",
        ["date-time"] = "e20704110f3300",
        ["current-time"] = "e907010f0e1e2d032101",
        ["system-id"] = "0102030405060708",
    };

    private static readonly string[] s_wholeValueIsTheString =
        ["manufacturer-name", "model-number", "serial-number", "hardware-revision", "firmware-revision", "software-revision"];

    public static TheoryData<string> Characteristics() => new(s_samples.Keys);

    [Fact]
    public void EveryCharacteristicTheDecoderKnows_IsCoveredByTheRule()
    {
        var covered = s_samples.Keys.Concat(s_wholeValueIsTheString).Append("frame").Order();

        Assert.Equal(CharacteristicCatalog.All.Select(f => f.Name).Order(), covered);
    }

    [Theory]
    [MemberData(nameof(Characteristics))]
    public void BytesAfterTheDefinedFields_AreIgnored(string characteristic)
    {
        string hex = s_samples[characteristic];
        string? plain = ValueDecoder.TryDecodeToJson(characteristic, hex, out string? error);
        string? longer = ValueDecoder.TryDecodeToJson(characteristic, hex + "a55a00ff", out string? longerError);

        Assert.True(plain != null, $"{characteristic}: the sample itself must decode: {error}");
        Assert.True(longer != null, $"{characteristic}: four more bytes were refused: {longerError}");
        using var a = JsonDocument.Parse(plain!);
        using var b = JsonDocument.Parse(longer!);
        Assert.True(JsonElement.DeepEquals(a.RootElement, b.RootElement), $"{characteristic}: {plain} became {longer}");
    }

    [Fact]
    public void ADeviceInformationString_IsItsWholeValue()
    {
        string? json = ValueDecoder.TryDecodeToJson("model-number", "4775696465ff", out string? error);

        Assert.True(json != null, error);
        Assert.Contains("Guide", json, System.StringComparison.Ordinal);
        Assert.NotEqual(ValueDecoder.TryDecodeToJson("model-number", "4775696465", out _), json);
    }
}
