using System;
using System.Collections.Generic;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dorset.Telehealth.Gateway.StaffConsole.Pages;

/// <summary>Frames that failed to decode, as hex with their reason.</summary>
public sealed class QuarantineModel : PageModel
{
    private readonly ReadingStore _readings;

    /// <summary>Creates the page.</summary>
    public QuarantineModel(ReadingStore readings)
    {
        _readings = readings;
    }

    /// <summary>The frames.</summary>
    public IReadOnlyList<QuarantinedFrame> Frames { get; private set; } = Array.Empty<QuarantinedFrame>();

    /// <summary>Reads the newest 200.</summary>
    public void OnGet() => Frames = _readings.Quarantine(200);
}
