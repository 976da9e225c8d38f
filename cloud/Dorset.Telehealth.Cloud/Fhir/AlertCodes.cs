using System;
using System.Collections.Generic;
using System.Globalization;
using Dorset.Telehealth.Cloud.Ingestion;
using Dorset.Telehealth.Cloud.Registry;
using Dorset.Telehealth.Cloud.Storage;
using Hl7.Fhir.Model;

namespace Dorset.Telehealth.Cloud.Fhir;

/// <summary>
/// The codes, systems and extensions of alerts in FHIR, and what the DetectedIssue and the early-warning-score
/// Observation of an alert share (identifier, patient, rule, level, state, late label, reading references).
/// </summary>
public static class AlertCodes
{
    /// <summary>Identifier system of alert ids (the gateway's alertId).</summary>
    public const string AlertIdSystem = "https://dorset-telehealth.nhs.uk/Id/alert";

    /// <summary>Our alert rules: code = ruleId, version = ruleVersion.</summary>
    public const string RuleSystem = "https://dorset-telehealth.nhs.uk/fhir/CodeSystem/alert-rule";

    /// <summary>Alert levels info, amber, red, red-urgent (finer than DetectedIssue.severity).</summary>
    public const string LevelSystem = "https://dorset-telehealth.nhs.uk/fhir/CodeSystem/alert-level";

    /// <summary>Alert states open, acknowledged, resolved; and the mitigation actions acknowledged, resolved.</summary>
    public const string StateSystem = "https://dorset-telehealth.nhs.uk/fhir/CodeSystem/alert-state";

    /// <summary>Partial NEWS2 escalations none, urgent, emergency, and the code "partial".</summary>
    public const string EscalationSystem = "https://dorset-telehealth.nhs.uk/fhir/CodeSystem/news2-escalation";

    /// <summary>Identifier system of hub staff users (who acknowledged).</summary>
    public const string HubUserSystem = "https://dorset-telehealth.nhs.uk/fhir/Id/hub-user";

    /// <summary>The alert's level (valueCode).</summary>
    public const string LevelExtension = "https://dorset-telehealth.nhs.uk/fhir/StructureDefinition/alert-level";

    /// <summary>The alert's state (valueCode).</summary>
    public const string StateExtension = "https://dorset-telehealth.nhs.uk/fhir/StructureDefinition/alert-state";

    /// <summary>The rule that fired (valueCoding with version).</summary>
    public const string RuleExtension = "https://dorset-telehealth.nhs.uk/fhir/StructureDefinition/alert-rule";

    /// <summary>Minutes between the triggering reading and its receipt at the gateway (valueInteger): a late alert.</summary>
    public const string LateMinutesExtension = "https://dorset-telehealth.nhs.uk/fhir/StructureDefinition/late-reading-minutes";

    /// <summary>SNOMED CT: Royal College of Physicians NEWS2 total score (UKCore-EarlyWarningTotalScore value set).</summary>
    public static readonly FhirCodes.Code News2Total = new(FhirCodes.Snomed, "1104051000000101", "Royal College of Physicians NEWS2 (National Early Warning Score 2) total score");

    /// <summary>The FHIR id prefix of partial NEWS2 Observations, apart from readings' numeric ids.</summary>
    public const string EarlyWarningScoreIdPrefix = "news2-";

    /// <summary>The Observation id of an alert's partial NEWS2.</summary>
    public static string EarlyWarningScoreId(string alertId) => EarlyWarningScoreIdPrefix + alertId;

    /// <summary>True when a `code` search token (system may be null) names the NEWS2 total score.</summary>
    public static bool IsNews2Total(string? system, string code) => code == News2Total.Value && (system == null || system == News2Total.System);

    /// <summary>DetectedIssue.severity of a level: the four levels fold into FHIR's three; the extension keeps the level.</summary>
    public static DetectedIssue.DetectedIssueSeverity SeverityOf(string level) => level switch
    {
        "info" => DetectedIssue.DetectedIssueSeverity.Low,
        "amber" => DetectedIssue.DetectedIssueSeverity.Moderate,
        _ => DetectedIssue.DetectedIssueSeverity.High,
    };

    /// <summary>The readable label of a late alert, placed first wherever the alert is described.</summary>
    public static string LateLabel(int minutes) => string.Create(CultureInfo.InvariantCulture,
        $"LATE READING: taken {minutes} min before the hub gateway received it (from a backlog).");

    /// <summary>The patient reference of an attributed alert.</summary>
    public static ResourceReference PatientOf(StoredAlert stored) => new("Patient/" + (stored.PatientNhs
        ?? throw new InvalidOperationException("unattributed alerts are never served as anyone's")))
    {
        Identifier = new Identifier(NhsNumber.System, stored.PatientNhs),
    };

    /// <summary>The alert's identifier: the gateway's alertId.</summary>
    public static Identifier IdentifierOf(BatchAlert alert) => new(AlertIdSystem, alert.AlertId);

    /// <summary>The version, and the rule, level, state and late extensions every alert resource carries.</summary>
    public static void Describe(DomainResource resource, StoredAlert stored)
    {
        BatchAlert a = stored.Alert;
        // versionId is the gateway's revision: a reader can tell a changed alert from one it has already seen.
        resource.Meta ??= new Meta();
        resource.Meta.VersionId = a.Revision.ToString(CultureInfo.InvariantCulture);
        resource.Meta.LastUpdated = stored.StoredAt;
        resource.AddExtension(RuleExtension, new Coding(RuleSystem, a.RuleId) { Version = a.RuleVersion.ToString(CultureInfo.InvariantCulture) });
        resource.AddExtension(LevelExtension, new Code(a.Level));
        resource.AddExtension(StateExtension, new Code(a.State));
        if (a.LateMinutes.HasValue)
        {
            resource.AddExtension(LateMinutesExtension, new Integer(a.LateMinutes.Value));
        }
    }

    /// <summary>
    /// The reference to the Observation of a named reading, or null when that reading has not reached the cloud (or
    /// is not this patient's): a pulse names the reading's separate pulse-rate Observation.
    /// </summary>
    public static ResourceReference? ObservationOf(string key, string name, IReadOnlyDictionary<string, StoredReadingRef> stored)
    {
        if (!stored.TryGetValue(key, out StoredReadingRef? reading))
        {
            return null;
        }

        ObservationPart part = name == "pulse" && reading.HasPulse ? ObservationPart.Pulse : ObservationPart.Main;
        return new ResourceReference("Observation/" + FhirCodes.ObservationId(reading.FhirId, part))
        {
            Identifier = new Identifier(FhirCodes.ReadingKey, part == ObservationPart.Pulse ? key + "#pulse" : key),
        };
    }

    /// <summary>Every reading key an alert names (its readings and its score's parameters), each once.</summary>
    public static IReadOnlyList<(string Key, string Name)> ReadingsOf(BatchAlert alert)
    {
        var seen = new HashSet<(string, string)>();
        var list = new List<(string, string)>();
        foreach (AlertReading r in alert.Readings)
        {
            if (seen.Add((r.Key, r.Name)))
            {
                list.Add((r.Key, r.Name));
            }
        }

        foreach (ScoreParameter p in alert.Score?.Parameters ?? Array.Empty<ScoreParameter>())
        {
            if (p.ReadingKey != null && seen.Add((p.ReadingKey, p.Name)))
            {
                list.Add((p.ReadingKey, p.Name));
            }
        }

        return list;
    }
}
