using System;
using System.Collections.Generic;
using System.Linq;
using Dorset.Telehealth.Gateway.Alerts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dorset.Telehealth.Gateway.StaffConsole.Pages;

/// <summary>Alerts by state (open, acknowledged, resolved), most urgent first, with who acknowledged and why it resolved.</summary>
public sealed class AlertsModel : PageModel
{
    /// <summary>The states, in lifecycle order.</summary>
    public static readonly IReadOnlyList<string> States = AlertRecord.States;

    private readonly AlertStore _alerts;
    private readonly AlertAnnunciator _annunciator;

    /// <summary>Creates the page.</summary>
    public AlertsModel(AlertStore alerts, AlertAnnunciator annunciator)
    {
        _alerts = alerts;
        _annunciator = annunciator;
    }

    /// <summary>The state shown (open unless asked).</summary>
    [BindProperty(SupportsGet = true)]
    public string State { get; set; } = AlertRecord.Open;

    /// <summary>The alerts shown.</summary>
    public IReadOnlyList<AlertRecord> Shown { get; private set; } = Array.Empty<AlertRecord>();

    /// <summary>What the last action did, or null.</summary>
    [TempData]
    public string? Message { get; set; }

    /// <summary>Lists the alerts of the state.</summary>
    public IActionResult OnGet()
    {
        if (!States.Contains(State))
        {
            return BadRequest("state must be open, acknowledged or resolved");
        }

        Shown = _alerts.List(State, null, null);
        return Page();
    }

    /// <summary>Acknowledges as the logged-in user; a note is required.</summary>
    public IActionResult OnPostAcknowledge(string? id, string? note)
    {
        Message = ConsoleAcknowledgement.Run(_annunciator, User.Identity!.Name!, id, note);
        return RedirectToPage(new { state = State });
    }
}
