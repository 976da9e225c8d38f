using System.Collections.Generic;
using Dorset.Telehealth.Protocol.Decoding;
using Dorset.Telehealth.Protocol.Uplink;

namespace Dorset.Telehealth.Gateway.Ingest;

/// <summary>
/// Decodes a readings payload with the portable Protocol library (firmware/PROTOCOL.md), the same code the home unit
/// encodes with, and maps each reading to the gateway's stored form. A frame that fails gets the decoder's reason, which
/// names the field (e.g. "crc 0x... does not match the frame").
/// </summary>
public sealed class ProtocolUplinkFrameDecoder : IUplinkFrameDecoder
{
    /// <inheritdoc/>
    public bool TryDecode(byte[] payload, out IReadOnlyList<IncomingReading> readings, out string reason)
    {
        if (!UplinkFrameDecoder.TryDecode(payload, 0, payload.Length, out UplinkFrame frame, out DecodeFailure failure))
        {
            readings = [];
            reason = failure.Message;
            return false;
        }

        var list = new IncomingReading[frame.Readings.Length];
        for (int i = 0; i < list.Length; i++)
        {
            list[i] = UplinkReadingMapper.Map(frame.Readings[i], (long)frame.FirstSequence + i);
        }

        readings = list;
        reason = string.Empty;
        return true;
    }
}
