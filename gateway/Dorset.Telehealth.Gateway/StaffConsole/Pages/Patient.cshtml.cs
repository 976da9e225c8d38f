using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.Clinical.Readings;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Forwarding;
using Dorset.Telehealth.Gateway.Patients;
using Dorset.Telehealth.Gateway.StaffConsole.Trends;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Dorset.Telehealth.Gateway.StaffConsole.Pages;

/// <summary>
/// One patient: open alerts to acknowledge, the 14-day glucose summary, the weight's 3-day change, a trend chart per kind
/// over 7, 30 or 90 days with its table, and the alert settings in force with their audit trail. Everyone with a session
/// sees it all; changing the settings is for admins (the Admin policy, checked on the post itself).
/// </summary>
public sealed class PatientModel : PageModel
{
    /// <summary>The chart windows offered, in days.</summary>
    public static readonly IReadOnlyList<int> Ranges = new[] { 7, 30, 90 };

    /// <summary>The longest reference the hub stores (`units add --patient-ref`, `patients set`).</summary>
    public const int MaxPatientRef = 64;

    private const int AuditShown = 50;

    // Alerts whose marks a 90-day chart may need: a patient with an alert a day for 90 days stays well inside it.
    private const int MarkedAlerts = 2000;

    private readonly UnitRegistry _units;
    private readonly ReadingStore _readings;
    private readonly AlertStore _alerts;
    private readonly AlertAnnunciator _annunciator;
    private readonly PatientSettingsStore _settings;
    private readonly GatewayDatabase _database;
    private readonly TimeProvider _time;
    private readonly IAuthorizationService _authorization;
    private readonly ForwardingOptions _forwarding;
    private readonly PatientRegistry _patients;

    /// <summary>Creates the page.</summary>
    public PatientModel(UnitRegistry units, ReadingStore readings, AlertStore alerts, AlertAnnunciator annunciator, PatientSettingsStore settings,
        GatewayDatabase database, TimeProvider time, IAuthorizationService authorization, IOptions<ForwardingOptions> forwarding, PatientRegistry patients)
    {
        _patients = patients;
        _units = units;
        _readings = readings;
        _alerts = alerts;
        _annunciator = annunciator;
        _settings = settings;
        _database = database;
        _time = time;
        _authorization = authorization;
        _forwarding = forwarding.Value;
    }

    /// <summary>The patient reference from the address.</summary>
    [BindProperty(SupportsGet = true)]
    public string PatientRef { get; set; } = "";

    /// <summary>The chart window in days: 7, 30 (unless asked) or 90.</summary>
    [BindProperty(SupportsGet = true)]
    public int Days { get; set; } = 30;

    /// <summary>What the last action did, or null.</summary>
    [TempData]
    public string? Message { get; set; }

    /// <summary>False when no unit has the reference (the page is a 404).</summary>
    public bool Found { get; private set; }

    /// <summary>The patient's units, revoked ones included: their readings are the patient's history.</summary>
    public IReadOnlyList<string> UnitIds { get; private set; } = Array.Empty<string>();

    /// <summary>The patient's display name and NHS number from the hub's patient list, or null when none were entered.</summary>
    public PatientRecord? Details { get; private set; }

    /// <summary>When the page was drawn.</summary>
    public DateTimeOffset NowUtc { get; private set; }

    /// <summary>Alerts neither acknowledged nor resolved, most urgent first.</summary>
    public IReadOnlyList<AlertRecord> OpenAlerts { get; private set; } = Array.Empty<AlertRecord>();

    /// <summary>The glucose summary of the last 14 days.</summary>
    public GlucoseSummary? Glucose { get; private set; }

    /// <summary>The newest weighing's change, or null without a weighing in 90 days.</summary>
    public WeightChange? Weight { get; private set; }

    /// <summary>One chart per kind over <see cref="Days"/>.</summary>
    public IReadOnlyList<Trend> Trends { get; private set; } = Array.Empty<Trend>();

    /// <summary>The settings in force, defaults and overrides.</summary>
    public IReadOnlyList<PatientSettingRow> Settings { get; private set; } = Array.Empty<PatientSettingRow>();

    /// <summary>The patient's settings changes, newest first.</summary>
    public IReadOnlyList<AuditEntry> SettingsAudit { get; private set; } = Array.Empty<AuditEntry>();

    /// <summary>True for an admin, who gets the settings form.</summary>
    public bool CanEditSettings { get; private set; }

    /// <summary>Why a long chart may start late: the hub prunes readings the cloud has; null when it does not.</summary>
    public string? RetentionNote { get; private set; }

    /// <summary>Draws the page; 400 for a window not offered, 404 for a reference no unit has.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        if (!ModelState.IsValid || !Ranges.Contains(Days))
        {
            return BadRequest("days must be 7, 30 or 90");
        }

        await LoadAsync();
        if (!Found)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    /// <summary>Acknowledges an alert as the logged-in user; a note is required.</summary>
    public IActionResult OnPostAcknowledge(string? id, string? note)
    {
        Message = ConsoleAcknowledgement.Run(_annunciator, User.Identity!.Name!, id, note);
        return Back();
    }

    /// <summary>Changes the patient's settings: admins only (403 otherwise); validated and audited by the store.</summary>
    public async Task<IActionResult> OnPostSettingsAsync()
    {
        if (!(await _authorization.AuthorizeAsync(User, ConsolePolicies.Admin)).Succeeded)
        {
            return new ContentResult { StatusCode = StatusCodes.Status403Forbidden, Content = "Changing a patient's settings is for hub admins.", ContentType = "text/plain; charset=utf-8" };
        }

        if (!IsKnown())
        {
            return NotFound($"No unit has patient reference '{PatientRef}'.");
        }

        PatientSettingsView view = _settings.Show(PatientRef);
        var assignments = PatientSettingsForm.Assignments(view.Overrides, name => Request.Form.TryGetValue(name, out var v) ? v.ToString() : null, out string? problem);
        var changes = problem == null && assignments!.Count > 0 ? PatientSettingAssignments.Parse(assignments, view.Overrides, out problem) : null;
        problem ??= changes == null ? null : _settings.Set(PatientRef, changes, User.Identity!.Name!, _time.GetUtcNow());
        Message = problem != null ? $"Settings not changed: {problem}."
            : changes == null ? "Settings not changed: every field is as stored."
            : $"Settings changed ({string.Join(", ", assignments!)}), audited as {User.Identity!.Name}.";
        return Back();
    }

    private IActionResult Back() => RedirectToPage(new { patientRef = PatientRef, days = Ranges.Contains(Days) ? Days : 30 });

    private bool IsKnown() => PatientRef.Length is > 0 and <= MaxPatientRef && _settings.IsKnownPatient(PatientRef);

    private async Task LoadAsync()
    {
        UnitIds = _units.List().Where(u => u.PatientRef == PatientRef).Select(u => u.UnitId).ToList();
        Found = PatientRef.Length <= MaxPatientRef && UnitIds.Count > 0;
        Details = Found ? _patients.Find(PatientRef) : null;
        if (!Found)
        {
            return;
        }

        NowUtc = _time.GetUtcNow();
        PatientSettingsView settings = _settings.Show(PatientRef);
        // The longest window once, for every part: the 14-day summary and the weight window reach past a 7-day chart.
        DateTimeOffset from = NowUtc - TimeSpan.FromDays(Ranges[^1]);
        var readings = UnitIds.SelectMany(u => _readings.TakenBetween(u, from, NowUtc + AlertEligibility.FutureTolerance)).ToList();
        var marks = new AlertMarks(_alerts.List(null, PatientRef, from, MarkedAlerts));
        DateTimeOffset chartFrom = NowUtc - TimeSpan.FromDays(Days);
        DateTimeOffset chartTo = readings.Count == 0 ? NowUtc : new[] { NowUtc, readings.Max(r => r.TakenUtc) }.Max();

        OpenAlerts = _alerts.List(AlertRecord.Open, PatientRef, null);
        Glucose = GlucoseSummary.Of(readings, NowUtc);
        Weight = WeightChange.Of(readings, settings.Effective);
        Trends = TrendDefinitions.All.Select(d => Trend.Of(d, readings, chartFrom, chartTo, settings.Effective, marks)).ToList();
        Settings = PatientSettingsForm.Rows(settings);
        SettingsAudit = AuditLog.Read(_database, "patient:" + PatientRef, AuditShown).Where(e => e.Action == "patient.settings").ToList();
        CanEditSettings = (await _authorization.AuthorizeAsync(User, ConsolePolicies.Admin)).Succeeded;
        RetentionNote = !string.IsNullOrWhiteSpace(_forwarding.CloudUrl) && Days > _forwarding.RetentionDays
            ? $"The hub keeps readings for {_forwarding.RetentionDays} days once the cloud has them, so this chart may start later than {Days} days ago; the cloud holds the full record."
            : null;
    }
}
