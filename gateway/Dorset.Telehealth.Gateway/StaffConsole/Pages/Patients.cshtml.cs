using System;
using System.Collections.Generic;
using System.Linq;
using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dorset.Telehealth.Gateway.StaffConsole.Pages;

/// <summary>One patient's line: their unit, open alerts and newest reading of each kind.</summary>
/// <param name="PatientRef">The hub's patient reference.</param>
/// <param name="UnitId">Their unit.</param>
/// <param name="OpenAlerts">Alerts not acknowledged and not resolved.</param>
/// <param name="WorstLevel">The highest level among them, or null.</param>
/// <param name="Readings">The newest reading of each kind.</param>
public sealed record PatientRow(string PatientRef, string UnitId, int OpenAlerts, string? WorstLevel, IReadOnlyList<ExportedReading> Readings);

/// <summary>
/// Every patient with a unit, searchable by reference or unit: their newest reading of each kind (value with its
/// unit, taken and received) and their open alerts' highest level in colour and words.
/// </summary>
public sealed class PatientsModel : PageModel
{
    private readonly UnitRegistry _units;
    private readonly ReadingStore _readings;
    private readonly AlertStore _alerts;

    /// <summary>Creates the page.</summary>
    public PatientsModel(UnitRegistry units, ReadingStore readings, AlertStore alerts)
    {
        _units = units;
        _readings = readings;
        _alerts = alerts;
    }

    /// <summary>The search text.</summary>
    [BindProperty(Name = "q", SupportsGet = true)]
    public string? Query { get; set; }

    /// <summary>The patients shown.</summary>
    public IReadOnlyList<PatientRow> Rows { get; private set; } = Array.Empty<PatientRow>();

    /// <summary>Lists the patients matching the search.</summary>
    public void OnGet()
    {
        string query = (Query ?? string.Empty).Trim();
        var newest = _readings.NewestPerUnitAndKind().ToLookup(r => r.Unit);
        var open = _alerts.List(AlertRecord.Open, null, null).ToLookup(a => a.UnitId);
        Rows = _units.List()
            .Where(u => !u.IsRevoked && u.PatientRef != null)
            .Where(u => query.Length == 0 || u.PatientRef!.Contains(query, StringComparison.OrdinalIgnoreCase) || u.UnitId.Contains(query, StringComparison.OrdinalIgnoreCase))
            .Select(u => new PatientRow(u.PatientRef!, u.UnitId, open[u.UnitId].Count(), Worst(open[u.UnitId]), newest[u.UnitId].ToList()))
            .OrderBy(r => r.PatientRef, StringComparer.Ordinal)
            .ToList();
    }

    private static string? Worst(IEnumerable<AlertRecord> alerts)
    {
        AlertLevel? worst = null;
        foreach (AlertRecord alert in alerts)
        {
            if (AlertLevels.TryParse(alert.Level, out AlertLevel level) && (worst == null || level > worst))
            {
                worst = level;
            }
        }

        return worst is AlertLevel found ? AlertLevels.Name(found) : null;
    }
}
