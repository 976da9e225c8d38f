using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Dorset.Telehealth.Cloud.Storage;

/// <summary>The audit of FHIR access (<see cref="IAuditLog"/>): append-only; nothing in the service updates or deletes it.</summary>
public abstract partial class SqlCloudStore
{
    /// <inheritdoc/>
    public async Task<long> AppendAuditAsync(AuditRecord record, CancellationToken cancel = default)
    {
        return await WriteAsync((c, t) => ScalarAsync(c, t,
            "INSERT INTO audit_events (recorded, agent_kind, agent_id, interaction, resource_type, query, patient_nhs, status, remote_address) " +
            "VALUES (@at, @kind, @agent, @interaction, @type, @query, @nhs, @status, @address) RETURNING id", cancel,
            ("at", DbTime(record.Recorded)), ("kind", record.AgentKind), ("agent", record.AgentId), ("interaction", record.Interaction),
            ("type", record.ResourceType), ("query", record.Query), ("nhs", record.PatientNhs), ("status", record.Status), ("address", record.RemoteAddress)), cancel);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<AuditRecord>> SearchAuditAsync(AuditQuery query, CancellationToken cancel = default)
    {
        var sql = new StringBuilder("SELECT id, recorded, agent_kind, agent_id, interaction, resource_type, query, patient_nhs, status, remote_address FROM audit_events WHERE 1 = 1");
        var parameters = new List<(string, object?)>();
        if (query.PatientNhs != null)
        {
            sql.Append(" AND patient_nhs = @nhs");
            parameters.Add(("nhs", query.PatientNhs));
        }

        if (query.AgentId != null)
        {
            sql.Append(" AND agent_id = @agent");
            parameters.Add(("agent", query.AgentId));
        }

        if (query.Since.HasValue)
        {
            sql.Append(" AND recorded >= @since");
            parameters.Add(("since", DbTime(query.Since.Value)));
        }

        sql.Append(" ORDER BY id DESC LIMIT ").Append(query.Count.ToString(CultureInfo.InvariantCulture));
        await using DbConnection c = await OpenAsync(cancel);
        await using DbCommand cmd = Command(c, null, sql.ToString(), parameters.ToArray());
        await using DbDataReader r = await cmd.ExecuteReaderAsync(cancel);
        var list = new List<AuditRecord>();
        while (await r.ReadAsync(cancel))
        {
            string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
            list.Add(new AuditRecord(Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), ReadTime(r, 1), r.GetString(2), Text(3), r.GetString(4),
                r.GetString(5), r.GetString(6), Text(7), Convert.ToInt32(r.GetValue(8), CultureInfo.InvariantCulture), Text(9)));
        }

        return list;
    }
}
