using System.Text;
using Dorset.Telehealth.Protocol.Checksums;

namespace Dorset.Telehealth.Protocol.Tests.Uplink;

public class Crc32Tests
{
    [Theory]
    [InlineData("123456789", 0xCBF43926u)] // the standard check value (CRC-32/ISO-HDLC)
    [InlineData("", 0x00000000u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void Compute_MatchesTheReferenceValues(string text, uint expected)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(text);

        Assert.Equal(expected, Crc32.Compute(bytes, 0, bytes.Length));
    }
}
