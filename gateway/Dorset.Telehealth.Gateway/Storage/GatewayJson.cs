using System.Collections.Generic;
using System.Text.Json.Serialization;
using Dorset.Telehealth.Gateway.Ingest;

namespace Dorset.Telehealth.Gateway.Storage;

/// <summary>Source-generated JSON for what the gateway stores and exports (camelCase, no reflection at run time).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(IReadOnlyList<ReadingValue>))]
[JsonSerializable(typeof(List<ReadingValue>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(ExportedReading))]
[JsonSerializable(typeof(GlucoseContextReport))]
[JsonSerializable(typeof(IReadOnlyCollection<long>))]
public sealed partial class GatewayJson : JsonSerializerContext
{
}
