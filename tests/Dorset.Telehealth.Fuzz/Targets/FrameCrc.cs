using System;
using Dorset.Telehealth.Protocol.Checksums;

namespace Dorset.Telehealth.Fuzz.Targets;

/// <summary>
/// Appends the frame's CRC-32 to fuzzed bytes. afl cannot guess a CRC, so without this every mutated frame would stop
/// at the checksum and the decoder behind it would never be reached.
/// </summary>
public static class FrameCrc
{
    /// <summary><paramref name="body"/> followed by its CRC-32, little-endian, as an uplink frame ends.</summary>
    public static byte[] Append(ReadOnlySpan<byte> body)
    {
        byte[] frame = new byte[body.Length + 4];
        body.CopyTo(frame);
        uint crc = Crc32.Compute(frame, 0, body.Length);
        frame[body.Length] = (byte)crc;
        frame[body.Length + 1] = (byte)(crc >> 8);
        frame[body.Length + 2] = (byte)(crc >> 16);
        frame[body.Length + 3] = (byte)(crc >> 24);
        return frame;
    }
}
