using System;
using System.Security.Claims;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Security;
using Dorset.Telehealth.Cloud.Smart;
using Dorset.Telehealth.Cloud.Storage;
using Microsoft.AspNetCore.Http;

namespace Dorset.Telehealth.Cloud.Audit;

/// <summary>Writes the audit record of one FHIR request: who (credential kind and id), what (interaction, type, query, patient), when, how it ended.</summary>
public sealed class FhirAuditWriter
{
    private readonly IAuditLog _log;
    private readonly TimeProvider _time;

    /// <summary>Creates the writer.</summary>
    public FhirAuditWriter(IAuditLog log, TimeProvider time)
    {
        _log = log;
        _time = time;
    }

    /// <summary>Appends the record of <paramref name="context"/>'s request answered with <paramref name="status"/>; nothing for a route that is no FHIR interaction.</summary>
    public async Task WriteAsync(HttpContext context, int status)
    {
        if (FhirInteraction.Of(context) is not { } interaction)
        {
            return;
        }

        ClaimsPrincipal user = context.User;
        string kind = user.IsInRole(BearerAuthenticationHandler.SmartClientRole) ? BearerAuthenticationHandler.SmartClientRole
            : user.IsInRole(BearerAuthenticationHandler.ReaderRole) ? BearerAuthenticationHandler.ReaderRole
            : user.IsInRole(BearerAuthenticationHandler.GatewayRole) ? BearerAuthenticationHandler.GatewayRole
            : "anonymous";
        var record = new AuditRecord(0, _time.GetUtcNow(), kind, user.FindFirstValue(ClaimTypes.NameIdentifier), interaction.Name, interaction.ResourceType,
            context.Request.Path.Value + context.Request.QueryString.Value, AuditedPatient.Of(context), status, context.Connection.RemoteIpAddress?.ToString());
        // Not the request's cancellation: a client that hangs up still read what it was sent, so the record is written.
        await _log.AppendAuditAsync(record);
    }
}
