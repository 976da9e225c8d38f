using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Storage;

namespace Dorset.Telehealth.Gateway.Forwarding;

/// <summary>
/// The JSON of `POST /api/v1/alerts/batch` as cloud/README.md "Alert contract (v1)" defines it: each alert's current
/// revision, idempotent at the cloud by (alertId, revision). Shared with the cloud only as that document.
/// </summary>
public static class CloudAlertContract
{
    /// <summary>The path below the cloud's base URL.</summary>
    public const string BatchPath = "api/v1/alerts/batch";

    /// <summary>
    /// The most alerts per POST: well under the cloud's MaxBatchAlerts (200) so that 50 alerts with 50 readings each
    /// stay far below its 1 MiB body limit.
    /// </summary>
    public const int MaxBatch = 50;

    /// <summary>The alert as the cloud receives it; readings whose key is still unknown are left out.</summary>
    public static AlertItem ToItem(AlertRecord a)
    {
        string Utc(System.DateTimeOffset t) => Timestamp.Format(t);
        return new AlertItem(
            a.Id, a.Revision, a.RuleId, a.RuleVersion, a.Level, a.State, Truncate(a.Summary, 300), a.UnitId,
            a.PatientRef is { Length: >= 1 and <= 64 } ? a.PatientRef : null,
            Utc(a.FirstBreachUtc), Utc(a.LastBreachUtc), a.BreachCount, a.LateMinutes,
            a.Worst == null ? null : new AlertItemValue(a.Worst.Name, a.Worst.Value, a.Worst.Unit),
            a.Evidence.Where(e => e.ReadingKey != null).Select(e => new AlertItemReading(e.ReadingKey!, e.Name, NumberOrNull(e.Value), e.Unit)).ToList(),
            a.Score == null ? null : new AlertItemScore(true, a.Score.Total, a.Score.Escalation,
                a.Score.Parameters.Select(p => new AlertItemScoreParameter(p.Name, p.Name == "spo2" ? a.Score.Spo2Scale : null, p.Score, p.Value, p.Unit,
                    p.ReadingId == null ? null : p.AgeMinutes, p.ReadingKey)).ToList()),
            a.Acknowledged == null ? null : new AlertItemAcknowledgement(Truncate(a.Acknowledged.By, 64), Utc(a.Acknowledged.AtUtc),
                a.Acknowledged.Note == null ? null : Truncate(a.Acknowledged.Note, 1000)),
            a.Resolved == null ? null : new AlertItemResolution(Utc(a.Resolved.AtUtc), Truncate(a.Resolved.Reason, 300)));
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    // The hub shows a meter's HI or LO as the evidence value; the contract carries such a reading's value as null.
    private static string? NumberOrNull(string value) =>
        decimal.TryParse(value, System.Globalization.NumberStyles.AllowDecimalPoint | System.Globalization.NumberStyles.AllowLeadingSign,
            System.Globalization.CultureInfo.InvariantCulture, out _) ? value : null;

    /// <summary>The request body.</summary>
    public sealed record AlertBatchRequest(string GatewayId, IReadOnlyList<AlertItem> Alerts);

    /// <summary>One alert revision.</summary>
    public sealed record AlertItem(
        string AlertId, int Revision, string RuleId, int RuleVersion, string Level, string State, string Summary, string UnitId, string? PatientRef,
        string FirstBreachAt, string LastBreachAt, int BreachCount, int? LateMinutes, AlertItemValue? Worst, IReadOnlyList<AlertItemReading> Readings,
        AlertItemScore? Score, AlertItemAcknowledgement? Acknowledged, AlertItemResolution? Resolved);

    /// <summary>A value with its unit.</summary>
    public sealed record AlertItemValue(string Name, string Value, string Unit);

    /// <summary>A triggering reading by its reading key; the value is null for a reading without a number (HI, LO).</summary>
    public sealed record AlertItemReading(string Key, string Name, string? Value, string Unit);

    /// <summary>The partial NEWS2.</summary>
    public sealed record AlertItemScore(bool Partial, int Total, string Escalation, IReadOnlyList<AlertItemScoreParameter> Parameters);

    /// <summary>One NEWS2 parameter; scale only for spo2, age and key null for the oxygen setting.</summary>
    public sealed record AlertItemScoreParameter(string Name, int? Scale, int Score, string Value, string? Unit, int? AgeMinutes, string? ReadingKey);

    /// <summary>Who acknowledged, when, the note.</summary>
    public sealed record AlertItemAcknowledgement(string By, string At, string? Note);

    /// <summary>When and why it resolved.</summary>
    public sealed record AlertItemResolution(string At, string Reason);

    /// <summary>The 200 response: "alertId@revision" in accepted or duplicate, or a rejection.</summary>
    public sealed record AlertBatchResponse(IReadOnlyList<string>? Accepted, IReadOnlyList<string>? Duplicate, IReadOnlyList<AlertRejection>? Rejected);

    /// <summary>A revision the cloud refused.</summary>
    public sealed record AlertRejection(string AlertId, int Revision, string Reason);
}

/// <summary>Source-generated JSON for the alert contract (camelCase; nulls written, as the contract lists them).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(CloudAlertContract.AlertBatchRequest))]
[JsonSerializable(typeof(CloudAlertContract.AlertBatchResponse))]
public sealed partial class CloudAlertJson : JsonSerializerContext
{
}
