using System.Globalization;
using System.Text;
using Dorset.Telehealth.Cloud.Registry;
using Dorset.Telehealth.Cloud.Storage;
using Hl7.Fhir.Model;

namespace Dorset.Telehealth.Cloud.Fhir;

/// <summary>
/// An audit record as a FHIR R4 AuditEvent (cloud/README.md "Audit"): type rest with the restful interaction as
/// subtype, the requesting credential as the agent (by identifier: a SMART client id or a reader id), the patient and
/// the query as entities, and the HTTP outcome.
/// </summary>
public static class AuditRecordToAuditEventMapper
{
    /// <summary>The identifier system of each credential kind the audit names.</summary>
    public const string AgentSystemBase = "https://dorset-telehealth.nhs.uk/Id/";

    /// <summary>The AuditEvent of <paramref name="record"/>.</summary>
    public static AuditEvent Map(AuditRecord record)
    {
        var audit = new AuditEvent
        {
            Id = record.Id.ToString(CultureInfo.InvariantCulture),
            Type = new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation"),
            // FHIR's AuditEvent guidance: a read is R(ead), a search is E(xecute) of the query.
            Action = record.Interaction == "read" ? AuditEvent.AuditEventAction.R : AuditEvent.AuditEventAction.E,
            Recorded = record.Recorded,
            Outcome = record.Status switch
            {
                < 400 => AuditEvent.AuditEventOutcome.N0,
                < 500 => AuditEvent.AuditEventOutcome.N4,
                _ => AuditEvent.AuditEventOutcome.N8,
            },
            OutcomeDesc = $"HTTP {record.Status}",
            Source = new AuditEvent.SourceComponent { Observer = new ResourceReference { Display = "dorset-cloud FHIR API" } },
        };
        audit.Subtype.Add(new Coding("http://hl7.org/fhir/restful-interaction", record.Interaction, record.Interaction));

        var agent = new AuditEvent.AgentComponent
        {
            Requestor = true,
            Who = record.AgentId == null
                ? new ResourceReference { Display = "anonymous (no valid credential)" }
                : new ResourceReference { Identifier = new Identifier(AgentSystemBase + record.AgentKind, record.AgentId), Display = $"{record.AgentKind} {record.AgentId}" },
        };
        if (record.RemoteAddress != null)
        {
            agent.Network = new AuditEvent.NetworkComponent { Address = record.RemoteAddress, Type = AuditEvent.AuditEventAgentNetworkType.N2 };
        }

        audit.Agent.Add(agent);
        if (record.PatientNhs != null)
        {
            audit.Entity.Add(new AuditEvent.EntityComponent
            {
                What = new ResourceReference { Identifier = new Identifier(NhsNumber.System, record.PatientNhs), Reference = $"Patient/{record.PatientNhs}" },
                Type = new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"),
                Role = new Coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient"),
            });
        }

        audit.Entity.Add(new AuditEvent.EntityComponent
        {
            Type = new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object"),
            Role = new Coding("http://terminology.hl7.org/CodeSystem/object-role", "24", "Query"),
            Description = record.ResourceType,
            Query = Encoding.UTF8.GetBytes(record.Query),
        });
        return audit;
    }
}
