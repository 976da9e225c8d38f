using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Dorset.Telehealth.Cloud.Storage;

/// <summary>Observation reads and search (<see cref="IFhirQueries"/>).</summary>
public abstract partial class SqlCloudStore
{
    /// <inheritdoc/>
    public async Task<StoredReading?> GetReadingAsync(string observationId, CancellationToken cancel = default)
    {
        await using DbConnection c = await OpenAsync(cancel);
        await using DbCommand cmd = Command(c, null, $"SELECT id, {ReadingColumns} FROM readings WHERE fhir_id = @f", ("f", observationId));
        await using DbDataReader r = await cmd.ExecuteReaderAsync(cancel);
        return await r.ReadAsync(cancel) ? ReadRow(r) : null;
    }

    /// <inheritdoc/>
    public async Task<ObservationPage> SearchObservationsAsync(ObservationQuery query, CancellationToken cancel = default)
    {
        var parameters = new List<(string, object?)> { ("p", query.PatientNhs) };
        string Branch(int part, IReadOnlyCollection<string>? kinds)
        {
            var where = new StringBuilder("patient_nhs = @p");
            if (part == 1)
            {
                where.Append(" AND has_pulse = @pulse");
            }

            if (kinds != null)
            {
                where.Append(" AND kind IN (");
                int i = 0;
                foreach (string kind in kinds)
                {
                    string name = $"k{part}_{i}";
                    where.Append(i == 0 ? "@" : ", @").Append(name);
                    parameters.Add((name, kind));
                    i++;
                }

                where.Append(')');
            }

            where.Append(DateRange(query, "effective_time"));
            return $"SELECT id, {part} AS part, effective_time AS at FROM readings WHERE {where}";
        }

        var branches = new List<string>();
        if (query.MainKinds == null || query.MainKinds.Count > 0)
        {
            branches.Add(Branch(0, query.MainKinds));
        }

        if (query.PulseKinds == null || query.PulseKinds.Count > 0)
        {
            branches.Add(Branch(1, query.PulseKinds));
            parameters.Add(("pulse", true));
        }

        if (query.EarlyWarningScores)
        {
            branches.Add(EarlyWarningScoreBranch(query));
            parameters.Add(("score", true));
        }

        if (query.From.HasValue)
        {
            parameters.Add(("from", DbTime(query.From.Value)));
        }

        if (query.To.HasValue)
        {
            parameters.Add(("to", DbTime(query.To.Value)));
        }

        if (branches.Count == 0)
        {
            return new ObservationPage(Array.Empty<ObservationHit>(), 0);
        }

        string union = string.Join(" UNION ALL ", branches);
        await using DbConnection c = await OpenAsync(cancel);
        long total = await ScalarAsync(c, null, $"SELECT count(*) FROM ({union}) AS o", cancel, parameters.ToArray());
        var page = new List<(long Id, int Part)>();
        var pageParameters = new List<(string, object?)>(parameters) { ("n", query.Count), ("o", query.Offset) };
        await using (DbCommand cmd = Command(c, null, $"SELECT id, part FROM ({union}) AS o ORDER BY {OrderBy(query.Order)} LIMIT @n OFFSET @o", pageParameters.ToArray()))
        await using (DbDataReader r = await cmd.ExecuteReaderAsync(cancel))
        {
            while (await r.ReadAsync(cancel))
            {
                page.Add((Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture)));
            }
        }

        bool IsScore((long Id, int Part) p) => p.Part == (int)ObservationPart.EarlyWarningScore;
        Dictionary<long, StoredReading> readings = await LoadReadingsAsync(c, page.Where(p => !IsScore(p)).Select(p => p.Id).Distinct().ToList(), cancel);
        Dictionary<long, StoredAlert> alerts = await LoadAlertsAsync(c, page.Where(IsScore).Select(p => p.Id).ToList(), cancel);
        var items = page.Select(p => IsScore(p)
            ? new ObservationHit(null, alerts[p.Id], ObservationPart.EarlyWarningScore)
            : new ObservationHit(readings[p.Id], null, (ObservationPart)p.Part)).ToList();
        return new ObservationPage(items, (int)total);
    }

    /// <summary>
    /// The ORDER BY of an Observation search's union: (id, part) is unique across it, so every order is total and
    /// pages never overlap or skip, even between observations with the same time.
    /// </summary>
    private static string OrderBy(ObservationOrder order) => order switch
    {
        ObservationOrder.DateAscending => "at, id, part",
        ObservationOrder.DateDescending => "at DESC, id DESC, part DESC",
        _ => "id, part",
    };

    /// <summary>The SQL conditions (parameters @from, @to) of the search's date range on <paramref name="column"/>.</summary>
    private static string DateRange(ObservationQuery query, string column)
    {
        string from = !query.From.HasValue ? string.Empty : query.FromInclusive ? $" AND {column} >= @from" : $" AND {column} > @from";
        string to = !query.To.HasValue ? string.Empty : query.ToInclusive ? $" AND {column} <= @to" : $" AND {column} < @to";
        return from + to;
    }

    /// <inheritdoc/>
    public async Task<DeviceRecord?> FindDeviceAsync(string address, CancellationToken cancel = default)
    {
        await using DbConnection c = await OpenAsync(cancel);
        await using DbCommand cmd = Command(c, null,
            "SELECT device_address, device_kind, unit_id, gateway_id, stored_at FROM readings WHERE device_address = @a ORDER BY id DESC LIMIT 1", ("a", address));
        await using DbDataReader r = await cmd.ExecuteReaderAsync(cancel);
        return await r.ReadAsync(cancel) ? new DeviceRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), ReadTime(r, 4)) : null;
    }

    private Task<Dictionary<long, StoredReading>> LoadReadingsAsync(DbConnection c, IReadOnlyList<long> ids, CancellationToken cancel) =>
        LoadByIdAsync(c, $"SELECT id, {ReadingColumns} FROM readings", ids, ReadRow, cancel);
}
