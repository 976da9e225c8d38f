using System.Collections.Generic;
using System.Text.Json.Serialization;
using Dorset.Telehealth.Clinical.Settings;

namespace Dorset.Telehealth.Gateway.Alerts;

/// <summary>Source-generated JSON for the alert columns and the alert APIs (camelCase, like every gateway document).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(AlertValue))]
[JsonSerializable(typeof(List<AlertEvidence>))]
[JsonSerializable(typeof(AlertScore))]
[JsonSerializable(typeof(AlertRecord))]
[JsonSerializable(typeof(List<AlertRecord>))]
[JsonSerializable(typeof(PatientSettings))]
[JsonSerializable(typeof(AlertAcknowledgement))]
public sealed partial class AlertJson : JsonSerializerContext
{
}
