using System.Collections.Generic;
using System.Text.Json.Serialization;
using Dorset.Telehealth.Clinical.Settings;

namespace Dorset.Telehealth.Gateway.Alerts;

/// <summary>
/// Source-generated JSON for the alert columns, the alert APIs and the patient settings (camelCase, like every gateway
/// document). An unknown property is an error: a mistyped setting name must never be stored and silently ignored.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
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
