using System;
using System.Collections.Generic;
using System.Linq;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Cli;
using Dorset.Telehealth.Gateway.Patients;
using Dorset.Telehealth.Gateway.Provisioning;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Dorset.Telehealth.Gateway.StaffConsole.Pages;

/// <summary>
/// Admins add a unit for a patient and revoke units, through the same service as the `units add`, `provision` and
/// `units revoke` verbs, audited as the logged-in admin. The secret is shown once, in the answer to the form post
/// (never stored, never put in TempData, which is a cookie); the bundle is a one-time download (<see cref="BundleDownloads"/>).
/// </summary>
[Authorize(Policy = ConsolePolicies.Admin)]
public sealed class ProvisioningModel : PageModel
{
    /// <summary>Stands for the serial port in the flashing lines when the admin did not give one.</summary>
    public const string PortPlaceholder = "PORT";

    private readonly UnitProvisioning _provisioning;
    private readonly UnitRegistry _units;
    private readonly PatientRegistry _patients;
    private readonly BundleDownloads _downloads;
    private readonly GatewayOptions _gateway;
    private readonly BrokerOptions _broker;

    /// <summary>Creates the page.</summary>
    public ProvisioningModel(UnitProvisioning provisioning, UnitRegistry units, PatientRegistry patients, BundleDownloads downloads,
        IOptions<GatewayOptions> gateway, IOptions<BrokerOptions> broker)
    {
        _provisioning = provisioning;
        _units = units;
        _patients = patients;
        _downloads = downloads;
        _gateway = gateway.Value;
        _broker = broker.Value;
    }

    /// <summary>The new unit's id.</summary>
    [BindProperty]
    public string? UnitId { get; set; }

    /// <summary>The patient reference.</summary>
    [BindProperty]
    public string? PatientRef { get; set; }

    /// <summary>The patient's display name.</summary>
    [BindProperty]
    public string? DisplayName { get; set; }

    /// <summary>The patient's NHS number, as typed.</summary>
    [BindProperty]
    public string? NhsNumber { get; set; }

    /// <summary>The board's serial port, for the flashing lines (optional).</summary>
    [BindProperty]
    public string? SerialPort { get; set; }

    /// <summary>The nanoFramework image.</summary>
    [BindProperty]
    public string Target { get; set; } = ProvisionCommand.DefaultTarget;

    /// <summary>The unit to revoke.</summary>
    [BindProperty]
    public string? RevokeUnit { get; set; }

    /// <summary>The admin ticked the confirmation.</summary>
    [BindProperty]
    public bool ConfirmRevoke { get; set; }

    /// <summary>Why the form was refused, or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>What the last revocation did, or null.</summary>
    [TempData]
    public string? Message { get; set; }

    /// <summary>The unit just provisioned by this post, with its secret, or null.</summary>
    public ProvisionedUnit? Provisioned { get; private set; }

    /// <summary>Its patient as the list now holds them, or null.</summary>
    public PatientRecord? ProvisionedPatient { get; private set; }

    /// <summary>The one-time token of its bundle download.</summary>
    public string? BundleToken { get; private set; }

    /// <summary>The lines `provision` prints for it.</summary>
    public IReadOnlyList<string> FlashingLines { get; private set; } = Array.Empty<string>();

    /// <summary>Units that can be revoked.</summary>
    public IReadOnlyList<UnitRecord> ActiveUnits { get; private set; } = Array.Empty<UnitRecord>();

    /// <summary>Shows the forms.</summary>
    public void OnGet() => ActiveUnits = Active();

    /// <summary>Provisions the unit; on success the page shows its secret, bundle link and flashing lines once.</summary>
    public IActionResult OnPostProvision()
    {
        string? port = string.IsNullOrWhiteSpace(SerialPort) ? null : SerialPort.Trim();
        var (host, problem, _) = ProvisioningReadiness.Check(_gateway, _broker, hostFlag: null);
        Problem = problem ?? ProvisionCommand.FlashingProblem(port, Target ?? string.Empty);
        if (Problem == null)
        {
            var request = new UnitRequest((UnitId ?? string.Empty).Trim(), string.IsNullOrWhiteSpace(PatientRef) ? null : PatientRef.Trim(), DisplayName, NhsNumber);
            (Provisioned, Problem) = _provisioning.Provision(request, User.Identity!.Name!);
        }

        if (Provisioned is { } unit)
        {
            byte[] zip = ProvisioningBundle.Zip(unit.UnitId, ProvisioningBundle.Build(unit.UnitId, unit.Secret, host!, _gateway, _broker));
            BundleToken = _downloads.Hold(User.Identity!.Name!, unit.UnitId, zip);
            FlashingLines = ProvisionCommand.Commands(unit.UnitId, port ?? PortPlaceholder, Target!, ProvisionCommand.DefaultImage, ProvisioningBundle.FolderName(unit.UnitId));
            ProvisionedPatient = unit.PatientRef == null ? null : _patients.Find(unit.PatientRef);
            // The answer holds the secret: no cache may keep it, and the form starts empty for the next unit.
            Response.Headers.CacheControl = "no-store";
            ModelState.Clear();
            (UnitId, PatientRef, DisplayName, NhsNumber, SerialPort) = (null, null, null, null, null);
        }

        ActiveUnits = Active();
        return Page();
    }

    /// <summary>The just-provisioned unit's bundle, once, for the admin who provisioned it.</summary>
    public IActionResult OnGetBundle(string? token)
    {
        string admin = User.Identity!.Name!;
        if (_downloads.Take(admin, token) is not { } bundle)
        {
            return NotFound("This bundle was downloaded already, has expired, or is another admin's. If it was lost, revoke the unit and provision it again.");
        }

        _provisioning.BundleHandedOut(bundle.UnitId, admin);
        Response.Headers.CacheControl = "no-store";
        return File(bundle.Zip, "application/zip", ProvisioningBundle.FolderName(bundle.UnitId) + ".zip");
    }

    /// <summary>Revokes the chosen unit once the admin confirmed it.</summary>
    public IActionResult OnPostRevoke()
    {
        if (!ConfirmRevoke || !UnitRegistry.IsValidUnitId(RevokeUnit))
        {
            Problem = "Choose the unit and tick the confirmation to revoke it.";
            ActiveUnits = Active();
            return Page();
        }

        Message = _provisioning.Revoke(RevokeUnit!, User.Identity!.Name!)
            ? $"Revoked {RevokeUnit}: the hub refuses it from now on and closes its session within seconds."
            : $"No active unit '{RevokeUnit}': nothing revoked.";
        return RedirectToPage();
    }

    private List<UnitRecord> Active() => _units.List().Where(u => !u.IsRevoked).ToList();
}
