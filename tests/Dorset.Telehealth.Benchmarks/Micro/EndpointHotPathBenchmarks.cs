using System.Text;
using BenchmarkDotNet.Attributes;
using Dorset.Telehealth.Benchmarks.Cloud;
using Dorset.Telehealth.Cloud.Ingestion;
using Dorset.Telehealth.Emulator.VirtualDevices;
using Dorset.Telehealth.Protocol.Glucose;

namespace Dorset.Telehealth.Benchmarks.Micro;

/// <summary>
/// The hot paths at either end of a reading's trip: the unit's GATT decode of a glucose measurement record, and the
/// cloud's parse of a batch body of 500 readings (the gateway's default batch; the body the cloud-ingest benchmark
/// posts). Time and bytes allocated per call.
/// </summary>
[MemoryDiagnoser]
public class EndpointHotPathBenchmarks
{
    private byte[] _glucoseRecord = [];
    private byte[] _batchBody = [];

    [GlobalSetup]
    public void Setup()
    {
        _glucoseRecord = GlucoseMeasurementEncoder.Encode(new ReadingScript(7).Glucose(1, 100));
        _batchBody = Encoding.UTF8.GetBytes(CloudIngestionBenchmark.Bodies(500, 500)[0]);
    }

    [Benchmark(Description = "unit: GATT glucose measurement decode")]
    public bool GattGlucoseDecode() => GlucoseMeasurementDecoder.TryDecode(_glucoseRecord, 0, _glucoseRecord.Length, out _, out _);

    [Benchmark(Description = "cloud: batch body parse (500 readings)")]
    public ParsedBatch? CloudBatchParse()
    {
        BatchParser.TryParse(_batchBody, 500, out ParsedBatch? batch, out _);
        return batch;
    }
}
