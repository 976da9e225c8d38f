using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Dorset.Telehealth.Benchmarks.Gateway;
using Dorset.Telehealth.Gateway.Ingest;
using Dorset.Telehealth.Protocol.Uplink;

namespace Dorset.Telehealth.Benchmarks.Micro;

/// <summary>
/// The uplink frame's hot paths, on the frames the ingest benchmark publishes: encode (the unit), decode (the gateway),
/// and the gateway's decode-and-map of a frame into the rows it commits. Time and bytes allocated per call.
/// </summary>
[MemoryDiagnoser]
public class FrameHotPathBenchmarks
{
    private readonly ProtocolUplinkFrameDecoder _gatewayDecoder = new();
    private UplinkFrame _frame = new();
    private byte[] _payload = [];

    /// <summary>Readings per uplink frame: 1 is a unit keeping up, 8 a unit emptying its outbox.</summary>
    [Params(1, 8)]
    public int ReadingsPerFrame { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _payload = FramePayloads.Frame(1, ReadingsPerFrame);
        UplinkFrameDecoder.TryDecode(_payload, 0, _payload.Length, out _frame, out _);
    }

    [Benchmark(Description = "unit: uplink frame encode")]
    public byte[] UplinkFrameEncode() => UplinkFrameEncoder.Encode(_frame);

    [Benchmark(Description = "gateway: uplink frame decode")]
    public bool UplinkFrameDecode() => UplinkFrameDecoder.TryDecode(_payload, 0, _payload.Length, out _, out _);

    [Benchmark(Description = "gateway: frame decode + ingest mapping to rows")]
    public IReadOnlyList<IncomingReading> GatewayIngestMapping()
    {
        _gatewayDecoder.TryDecode(_payload, out IReadOnlyList<IncomingReading> readings, out _);
        return readings;
    }
}
