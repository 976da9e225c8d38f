using System;
using Dorset.Telehealth.Protocol.Uplink;

namespace Dorset.Telehealth.Fuzz.Targets;

/// <summary>
/// The uplink frame decoder (firmware/PROTOCOL.md "Uplink frame"), under the GATT decoders' contract. Each input is
/// decoded as sent (so the checksum refusal is fuzzed too) and with its CRC-32 appended (so everything after it is).
/// </summary>
public sealed class UplinkFrameTarget : FuzzTarget
{
    private readonly GattDecoderTarget<UplinkFrame> _decoder = new("uplink-frame", UplinkFrameDecoder.TryDecode);

    /// <inheritdoc/>
    public override string Name => _decoder.Name;

    /// <inheritdoc/>
    public override void Run(byte[] input)
    {
        _decoder.Run(input);
        _decoder.Run(FrameCrc.Append(input));
    }
}
