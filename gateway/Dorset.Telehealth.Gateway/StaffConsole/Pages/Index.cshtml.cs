using System;
using System.Collections.Generic;
using System.Linq;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Forwarding;
using Dorset.Telehealth.Gateway.Ingest;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dorset.Telehealth.Gateway.StaffConsole.Pages;

/// <summary>
/// The overview: first who needs attention (alerts nobody has acknowledged, most urgent first, including resolved
/// ones nobody has seen; then home-unit devices that need someone to act), then whether the hub's equipment works.
/// </summary>
public sealed class OverviewModel : PageModel
{
    private readonly AlertStore _alerts;
    private readonly AlertAnnunciator _annunciator;
    private readonly UnitRegistry _units;
    private readonly ReadingStore _readings;
    private readonly ForwarderState _forwarder;
    private readonly DiskGuard _disk;
    private readonly GatewayAlarms _alarms;
    private readonly TimeProvider _time;

    /// <summary>Creates the page.</summary>
    public OverviewModel(AlertStore alerts, AlertAnnunciator annunciator, UnitRegistry units, ReadingStore readings, ForwarderState forwarder,
        DiskGuard disk, GatewayAlarms alarms, TimeProvider time)
    {
        _alerts = alerts;
        _annunciator = annunciator;
        _units = units;
        _readings = readings;
        _forwarder = forwarder;
        _disk = disk;
        _alarms = alarms;
        _time = time;
    }

    /// <summary>Alerts nobody has acknowledged, in triage order.</summary>
    public IReadOnlyList<AlertRecord> Attention { get; private set; } = Array.Empty<AlertRecord>();

    /// <summary>
    /// Units with a paired device whose last session needs someone to act (bond-failed, refused, device-error,
    /// outbox-full: <see cref="UnitAttention"/>), after the alerts in triage order.
    /// </summary>
    public IReadOnlyList<UnitRecord> DeviceProblems { get; private set; } = Array.Empty<UnitRecord>();

    /// <summary>Rows in the "needs attention" list.</summary>
    public int AttentionCount => Attention.Count + DeviceProblems.Count;

    /// <summary>The time the page was drawn.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>What the last action did, or null (kept across the redirect after a post).</summary>
    [TempData]
    public string? Message { get; set; }

    /// <summary>Units with a session.</summary>
    public int UnitsOnline { get; private set; }

    /// <summary>Units without one (not revoked).</summary>
    public int UnitsOffline { get; private set; }

    /// <summary>e.g. "up, last batch Tue 1 Dec 09:15".</summary>
    public string CloudLink { get; private set; } = "";

    /// <summary>e.g. "12 readings, the oldest 3 min ago".</summary>
    public string Backlog { get; private set; } = "";

    /// <summary>Quarantined frames.</summary>
    public long Quarantined { get; private set; }

    /// <summary>e.g. "12.3 GB".</summary>
    public string FreeDisk { get; private set; } = "";

    /// <summary>sounding, silenced or quiet.</summary>
    public string Buzzer { get; private set; } = "";

    /// <summary>Draws the page.</summary>
    public void OnGet() => Load();

    /// <summary>
    /// Acknowledges an alert as the logged-in user; a note is required. Post, then redirect to the overview, so that a
    /// reload never posts twice and the page's address stays the overview's.
    /// </summary>
    public IActionResult OnPostAcknowledge(string? id, string? note)
    {
        Message = ConsoleAcknowledgement.Run(_annunciator, User.Identity!.Name!, id, note);
        return RedirectToPage();
    }

    private void Load()
    {
        Now = _time.GetUtcNow();
        Attention = _alerts.List(null, null, null).Where(a => a.Acknowledged == null).ToList();
        var units = _units.List().Where(u => !u.IsRevoked).ToList();
        DeviceProblems = units.Where(u => u.Attention != null).ToList();
        UnitsOnline = units.Count(u => u.Online);
        UnitsOffline = units.Count - UnitsOnline;
        CloudLink = EquipmentWords.CloudLink(_forwarder.Enabled, _forwarder.LinkOk, _forwarder.LastSuccessUtc, _forwarder.LastError);
        Backlog = EquipmentWords.Backlog(_readings.Backlog(), Now);
        Quarantined = _readings.QuarantineCount();
        _disk.AllowsIngest();
        FreeDisk = EquipmentWords.FreeDisk(_disk.FreeBytes, _alarms.DiskAlarm);
        Buzzer = EquipmentWords.Buzzer(new PanelState(_alarms.RedAlertUnacknowledged, _alarms.RedAlertSounding));
    }
}
