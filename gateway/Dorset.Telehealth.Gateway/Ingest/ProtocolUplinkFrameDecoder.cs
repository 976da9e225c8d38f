using System.Collections.Generic;

namespace Dorset.Telehealth.Gateway.Ingest;

/// <summary>
/// The seam to the portable Protocol library's uplink frame decoder (firmware/PROTOCOL.md). That decoder is not in
/// the Protocol library yet, so this build refuses every payload with a reason: the frame is kept raw in quarantine,
/// acknowledged and counted, and can be re-decoded from there once the codec lands (see gateway/README.md "Limitations").
/// </summary>
public sealed class ProtocolUplinkFrameDecoder : IUplinkFrameDecoder
{
    /// <summary>The quarantine reason every frame gets in this build.</summary>
    public const string NotAvailableReason = "uplink frame decoder not in this build (Protocol library has no UplinkFrameDecoder yet)";

    /// <inheritdoc/>
    public bool TryDecode(byte[] payload, out IReadOnlyList<IncomingReading> readings, out string reason)
    {
        readings = System.Array.Empty<IncomingReading>();
        reason = NotAvailableReason;
        return false;
    }
}
