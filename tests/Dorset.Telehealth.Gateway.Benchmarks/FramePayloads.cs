namespace Dorset.Telehealth.Gateway.Benchmarks;

/// <summary>
/// The payload each simulated unit publishes: 24 opaque bytes carrying the sequence. Mosquitto routes them; the
/// gateway commits each one (to quarantine, as it does not decode as an uplink frame) before its PUBACK, which is the
/// same group-commit path and fsync a decoded reading takes.
/// </summary>
public static class FramePayloads
{
    public const int ReadingsPerFrame = 1;

    public static byte[] Frame(long firstSequence)
    {
        var bytes = new byte[24];
        System.BitConverter.TryWriteBytes(bytes, firstSequence);
        return bytes;
    }
}
