using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Dorset.Telehealth.Cloud.Ingestion;
using Dorset.Telehealth.Cloud.Storage;
using Hl7.Fhir.Model;

namespace Dorset.Telehealth.Cloud.Fhir;

/// <summary>
/// An alert (other than a partial NEWS2) as a FHIR R4 DetectedIssue.
/// </summary>
/// <remarks>
/// Why DetectedIssue and not Flag: a Flag is a standing "be aware" marker on a patient (period, active/inactive)
/// with nothing to point at the data behind it or to record who acted. An alert is an issue found in specific
/// readings and then handled: DetectedIssue has <c>implicated</c> for the triggering Observations,
/// <c>identifiedPeriod</c> for the first and last breach, <c>severity</c>, <c>detail</c>, and <c>mitigation</c> with
/// an action, a date and an author for the acknowledgement and the resolution.
/// </remarks>
public static class AlertToDetectedIssueMapper
{
    /// <summary>The DetectedIssue of the current revision <paramref name="stored"/>.</summary>
    /// <param name="stored">An attributed alert.</param>
    /// <param name="readings">The patient's stored readings the alert names, by key (absent keys are skipped).</param>
    public static DetectedIssue Map(StoredAlert stored, IReadOnlyDictionary<string, StoredReadingRef> readings)
    {
        BatchAlert a = stored.Alert;
        var issue = new DetectedIssue
        {
            Id = a.AlertId,
            // preliminary until hub staff have looked at it; acknowledged or resolved, the finding stands as final.
            Status = a.State == "open" ? ObservationStatus.Preliminary : ObservationStatus.Final,
            Code = new CodeableConcept(AlertCodes.RuleSystem, a.RuleId, null, $"{a.RuleId} (rule version {a.RuleVersion.ToString(CultureInfo.InvariantCulture)})"),
            Severity = AlertCodes.SeverityOf(a.Level),
            Patient = AlertCodes.PatientOf(stored),
            Identified = new Period(new FhirDateTime(a.FirstBreachAt), new FhirDateTime(a.LastBreachAt)),
            // The hub gateway's rules found the issue: the gateway is the author (a Device, by identifier).
            Author = new ResourceReference
            {
                Identifier = new Identifier(FhirCodes.GatewayId, stored.GatewayId),
                Display = $"gateway {stored.GatewayId} (hub {stored.Hub})",
            },
        };
        issue.Code.Coding[0].Version = a.RuleVersion.ToString(CultureInfo.InvariantCulture);
        issue.Identifier.Add(AlertCodes.IdentifierOf(a));
        AlertCodes.Describe(issue, stored);

        int missing = 0;
        foreach ((string key, string name) in AlertCodes.ReadingsOf(a))
        {
            ResourceReference? observation = AlertCodes.ObservationOf(key, name, readings);
            if (observation == null)
            {
                missing++;
            }
            else
            {
                issue.Implicated.Add(observation);
            }
        }

        issue.Detail = Detail(a, missing);
        if (a.Acknowledged != null)
        {
            issue.Mitigation.Add(new DetectedIssue.MitigationComponent
            {
                Action = new CodeableConcept(AlertCodes.StateSystem, "acknowledged", "Acknowledged", a.Acknowledged.Note ?? "acknowledged"),
                Date = new FhirDateTime(a.Acknowledged.At).Value,
                Author = new ResourceReference { Identifier = new Identifier(AlertCodes.HubUserSystem, a.Acknowledged.By), Display = a.Acknowledged.By },
            });
        }

        if (a.Resolved != null)
        {
            issue.Mitigation.Add(new DetectedIssue.MitigationComponent
            {
                Action = new CodeableConcept(AlertCodes.StateSystem, "resolved", "Resolved", a.Resolved.Reason),
                Date = new FhirDateTime(a.Resolved.At).Value,
            });
        }

        return issue;
    }

    private static string Detail(BatchAlert a, int missing)
    {
        var text = new StringBuilder();
        if (a.LateMinutes.HasValue)
        {
            text.Append(AlertCodes.LateLabel(a.LateMinutes.Value)).Append(' ');
        }

        text.Append(a.Summary);
        text.Append(CultureInfo.InvariantCulture, $" Level {a.Level}, {a.BreachCount} breach(es)");
        if (a.Worst != null)
        {
            text.Append(CultureInfo.InvariantCulture, $", worst {a.Worst.Name} {a.Worst.Value} {a.Worst.Unit}");
        }

        text.Append('.');
        if (missing > 0)
        {
            // Alerts and readings travel separately: say what is not here yet rather than imply there was nothing.
            text.Append(CultureInfo.InvariantCulture, $" {missing} of the readings it names have not reached the county cloud yet.");
        }

        return text.ToString();
    }
}
