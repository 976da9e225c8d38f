using System;
using System.Collections.Generic;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dorset.Telehealth.Gateway.StaffConsole.Pages;

/// <summary>The audit table, for admins only: the newest 500 entries.</summary>
[Authorize(Policy = ConsolePolicies.Admin)]
public sealed class AuditModel : PageModel
{
    private readonly GatewayDatabase _database;

    /// <summary>Creates the page.</summary>
    public AuditModel(GatewayDatabase database)
    {
        _database = database;
    }

    /// <summary>The entries shown.</summary>
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = Array.Empty<AuditEntry>();

    /// <summary>Reads the entries.</summary>
    public void OnGet() => Entries = AuditLog.Read(_database, null, 500);
}
