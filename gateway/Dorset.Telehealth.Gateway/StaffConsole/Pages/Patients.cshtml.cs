using System;
using System.Collections.Generic;
using System.Linq;
using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Patients;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dorset.Telehealth.Gateway.StaffConsole.Pages;

/// <summary>One patient's line: who they are, their unit, open alerts and newest reading of each kind.</summary>
/// <param name="PatientRef">The hub's patient reference.</param>
/// <param name="DisplayName">The name staff know them by, or null when none was entered.</param>
/// <param name="NhsNumber">Their NHS number as 3-3-4, or null.</param>
/// <param name="UnitId">Their unit.</param>
/// <param name="OpenAlerts">Alerts not acknowledged and not resolved.</param>
/// <param name="WorstLevel">The highest level among them, or null.</param>
/// <param name="Readings">The newest reading of each kind.</param>
public sealed record PatientRow(string PatientRef, string? DisplayName, string? NhsNumber, string UnitId, int OpenAlerts, string? WorstLevel, IReadOnlyList<ExportedReading> Readings);

/// <summary>
/// Every patient with a unit, searchable by name, NHS number (with or without spaces), reference or unit: their newest reading of each kind (value with its
/// unit, taken and received) and their open alerts' highest level in colour and words.
/// </summary>
public sealed class PatientsModel : PageModel
{
    private readonly UnitRegistry _units;
    private readonly ReadingStore _readings;
    private readonly AlertStore _alerts;
    private readonly PatientRegistry _patients;

    /// <summary>Creates the page.</summary>
    public PatientsModel(UnitRegistry units, ReadingStore readings, AlertStore alerts, PatientRegistry patients)
    {
        _units = units;
        _readings = readings;
        _alerts = alerts;
        _patients = patients;
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
        var known = _patients.List().ToDictionary(p => p.PatientRef, StringComparer.Ordinal);
        Rows = _units.List()
            .Where(u => !u.IsRevoked && u.PatientRef != null)
            .Select(u => (Unit: u, Patient: known.GetValueOrDefault(u.PatientRef!)))
            .Where(x => query.Length == 0 || Matches(query, x.Unit, x.Patient))
            .Select(x => new PatientRow(x.Unit.PatientRef!, x.Patient?.DisplayName, x.Patient?.NhsNumberShown, x.Unit.UnitId,
                open[x.Unit.UnitId].Count(), Worst(open[x.Unit.UnitId]), newest[x.Unit.UnitId].ToList()))
            .OrderBy(r => r.DisplayName ?? r.PatientRef, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    // An NHS number is read out in 3-3-4 groups or typed as ten digits: both find it.
    private static bool Matches(string query, UnitRecord unit, PatientRecord? patient)
    {
        string digits = query.Replace(" ", string.Empty, StringComparison.Ordinal);
        return unit.PatientRef!.Contains(query, StringComparison.OrdinalIgnoreCase)
            || unit.UnitId.Contains(query, StringComparison.OrdinalIgnoreCase)
            || patient?.DisplayName?.Contains(query, StringComparison.OrdinalIgnoreCase) == true
            || (digits.Length > 0 && digits.All(char.IsAsciiDigit) && patient?.NhsNumber?.Contains(digits, StringComparison.Ordinal) == true);
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
