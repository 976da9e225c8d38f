using System;
using System.Collections.Generic;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dorset.Telehealth.Gateway.StaffConsole.Pages;

/// <summary>Every home unit with what it last reported, and each device that needs someone to act.</summary>
public sealed class UnitsModel : PageModel
{
    private readonly UnitRegistry _units;

    /// <summary>Creates the page.</summary>
    public UnitsModel(UnitRegistry units)
    {
        _units = units;
    }

    /// <summary>The units.</summary>
    public IReadOnlyList<UnitRecord> Units { get; private set; } = Array.Empty<UnitRecord>();

    /// <summary>Reads the registry.</summary>
    public void OnGet() => Units = _units.List();
}
