using System;
using System.IO;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dorset.Telehealth.Emulator.Decoding;
using Dorset.Telehealth.Protocol.Uplink;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Emulator.Tests.Commands;

/// <summary>
/// firmware/PROTOCOL.md is the contract: each golden vector there must decode to exactly the JSON printed under it,
/// re-encode to the same bytes, and each rejected frame must fail with the reason the page gives.
/// </summary>
public partial class ProtocolGoldenVectorTests
{
    private static string Page => File.ReadAllText(RepositoryPaths.Combine("firmware/PROTOCOL.md"));

    public static TheoryData<string, string, string> Vectors()
    {
        var rows = new TheoryData<string, string, string>();
        foreach (Match match in VectorPattern().Matches(Page))
        {
            rows.Add(match.Groups["name"].Value.Trim(), match.Groups["hex"].Value.Trim(), match.Groups["json"].Value.Trim());
        }

        return rows;
    }

    public static TheoryData<string, string> Rejected()
    {
        var rows = new TheoryData<string, string>();
        foreach (Match match in RejectedPattern().Matches(Page))
        {
            rows.Add(match.Groups["hex"].Value, match.Groups["reason"].Value);
        }

        return rows;
    }

    [Fact]
    public void ThePage_HasVectorsAndRejections()
    {
        Assert.True(Vectors().Count >= 4, "PROTOCOL.md lost its golden vectors");
        Assert.True(Rejected().Count >= 3, "PROTOCOL.md lost its rejected frames");
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void GoldenVector_DecodesToThePrintedJson_AndReencodesToTheSameBytes(string name, string hex, string json)
    {
        string? actual = ValueDecoder.TryDecodeToJson("frame", hex, out string? error);

        Assert.True(actual != null, $"{name}: {error}");
        using var expectedDoc = JsonDocument.Parse(json);
        using var actualDoc = JsonDocument.Parse(actual!);
        Assert.True(JsonElement.DeepEquals(expectedDoc.RootElement, actualDoc.RootElement), $"{name}: decoded to {actual}");

        byte[] bytes = Convert.FromHexString(hex);
        Assert.True(UplinkFrameDecoder.TryDecode(bytes, 0, bytes.Length, out UplinkFrame frame, out _));
        Assert.Equal(hex, Convert.ToHexString(UplinkFrameEncoder.Encode(frame)));
    }

    [Theory]
    [MemberData(nameof(Rejected))]
    public void RejectedFrame_FailsWithThePagesReason(string hex, string reason)
    {
        Assert.Null(ValueDecoder.TryDecodeToJson("frame", hex, out string? error));
        Assert.Equal("frame: " + reason, error);
    }

    [GeneratedRegex(@"### Vector \d+:(?<name>[^\n]*)\n.*?```hex\n(?<hex>[0-9A-F]+)\n```.*?```json\n(?<json>[^\n]+)\n```", RegexOptions.Singleline)]
    private static partial Regex VectorPattern();

    [GeneratedRegex(@"^\| `(?<hex>[0-9A-F]+)` \| `(?<reason>[^`]+)` \|$", RegexOptions.Multiline)]
    private static partial Regex RejectedPattern();
}
