using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dorset.Telehealth.Gateway.StaffConsole.Pages;

/// <summary>
/// One home unit: what it last reported, its paired devices with how each one's last session ended, the devices it sees
/// in pairing mode (an admin confirms one into the unit's config), and its recent readings. Staff see everything; the
/// confirm is the admin policy's, and a staff post is answered 403.
/// </summary>
public sealed class UnitDetailModel : PageModel
{
    /// <summary>How many of the unit's newest readings are shown.</summary>
    public const int RecentReadings = 50;

    private readonly UnitRegistry _units;
    private readonly ReadingStore _readings;
    private readonly IAuthorizationService _authorization;
    private readonly TimeProvider _time;

    /// <summary>Creates the page.</summary>
    public UnitDetailModel(UnitRegistry units, ReadingStore readings, IAuthorizationService authorization, TimeProvider time)
    {
        _units = units;
        _readings = readings;
        _authorization = authorization;
        _time = time;
    }

    /// <summary>The unit asked for (the route's).</summary>
    [BindProperty(SupportsGet = true)]
    public string UnitId { get; set; } = "";

    /// <summary>The unit, or null when there is none of that id (the page then answers 404).</summary>
    public UnitRecord? Unit { get; private set; }

    /// <summary>The devices in its config, by slot.</summary>
    public IReadOnlyList<PairedDevice> Paired { get; private set; } = Array.Empty<PairedDevice>();

    /// <summary>What its last status said of each slot and of the devices it sees in pairing mode.</summary>
    public UnitStatusDocument Reported { get; private set; } = UnitStatusDocument.Empty;

    /// <summary>Its newest readings, newest first.</summary>
    public IReadOnlyList<ExportedReading> Readings { get; private set; } = Array.Empty<ExportedReading>();

    /// <summary>The slots no device is paired in, for the confirm form.</summary>
    public IReadOnlyList<int> FreeSlots { get; private set; } = Array.Empty<int>();

    /// <summary>True when the logged-in user may confirm a candidate.</summary>
    public bool CanConfirm { get; private set; }

    /// <summary>The time the page was drawn.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>What the last confirm did, or null (kept across the redirect after a post).</summary>
    [TempData]
    public string? Message { get; set; }

    /// <summary>Why this request was refused, shown with its status code; null otherwise.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Draws the page, or 404 for an unknown unit.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Answer();
    }

    /// <summary>
    /// Confirms a candidate into a free slot as the logged-in admin, then redirects to the unit's page, so that a reload
    /// never posts twice. Anyone else is answered 403 and nothing changes.
    /// </summary>
    public async Task<IActionResult> OnPostConfirmAsync(string? address, int? slot, bool needsBond, int? scaleUser)
    {
        await LoadAsync();
        if (Unit == null)
        {
            return Answer();
        }

        if (!CanConfirm)
        {
            Refusal = "Confirming a device is for hub admins: ask an admin to confirm it.";
            return Answer(StatusCodes.Status403Forbidden);
        }

        // A number that does not bind arrives as null: refuse it rather than pair without it.
        Message = !ModelState.IsValid
            ? $"Not paired: the slot and the scale user number must be whole numbers (0..{UnitPairing.MaxSlot} and 0..{PairedDevice.MaxScaleUser})."
            : CandidateConfirmation.Run(_units, Unit.UnitId, User.Identity!.Name!, _time.GetUtcNow(), address, slot, needsBond, scaleUser);
        return RedirectToPage(new { unitId = Unit.UnitId });
    }

    private IActionResult Answer(int status = StatusCodes.Status200OK)
    {
        Response.StatusCode = Unit == null ? StatusCodes.Status404NotFound : status;
        return Page();
    }

    private async Task LoadAsync()
    {
        Now = _time.GetUtcNow();
        CanConfirm = (await _authorization.AuthorizeAsync(User, ConsolePolicies.Admin)).Succeeded;
        // A route value that is not a unit id names no unit: no query for it.
        Unit = UnitRegistry.IsValidUnitId(UnitId) ? _units.Find(UnitId) : null;
        if (Unit == null)
        {
            return;
        }

        Paired = UnitConfig.Devices(Unit.ConfigJson).OrderBy(d => d.Slot).ToList();
        Reported = _units.Reported(Unit.UnitId);
        Readings = _readings.Latest(Unit.UnitId, RecentReadings);
        FreeSlots = Enumerable.Range(0, UnitPairing.MaxSlot + 1).Where(s => Paired.All(d => d.Slot != s)).ToList();
    }
}
