using System;
using System.Collections.Generic;
using Dorset.Telehealth.Gateway.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dorset.Telehealth.Gateway.StaffConsole.Pages;

/// <summary>
/// Console accounts, for admins: list, add (a generated password shown once, or a typed one), disable, reset a
/// password (a new one shown once). Changes go through <see cref="HubUserStore"/>, audited as the logged-in admin. An
/// admin cannot disable their own account, nor the last enabled admin.
/// </summary>
[Authorize(Policy = ConsolePolicies.Admin)]
public sealed class UsersModel : PageModel
{
    private readonly HubUserStore _users;
    private readonly TimeProvider _time;

    /// <summary>Creates the page.</summary>
    public UsersModel(HubUserStore users, TimeProvider time)
    {
        _users = users;
        _time = time;
    }

    /// <summary>The new account's login name.</summary>
    [BindProperty]
    public string? NewName { get; set; }

    /// <summary>The new account's role.</summary>
    [BindProperty]
    public string NewRole { get; set; } = HubRoles.Staff;

    /// <summary>A password typed for the new account; empty to generate one.</summary>
    [BindProperty]
    public string? NewPassword { get; set; }

    /// <summary>Every account.</summary>
    public IReadOnlyList<HubUser> Accounts { get; private set; } = Array.Empty<HubUser>();

    /// <summary>Now, for "locked until".</summary>
    public DateTimeOffset NowUtc { get; private set; }

    /// <summary>Why the last action was refused, or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>What the last action did, or null.</summary>
    [TempData]
    public string? Message { get; set; }

    /// <summary>A generated password shown in this answer only: what it is for, and the password.</summary>
    public (string Heading, string Password)? ShownPassword { get; private set; }

    /// <summary>Lists the accounts.</summary>
    public void OnGet() => Load();

    /// <summary>Adds an account; a generated password is shown once.</summary>
    public IActionResult OnPostAdd()
    {
        string name = (NewName ?? string.Empty).Trim();
        bool generated = string.IsNullOrEmpty(NewPassword);
        string password = generated ? HubUserStore.NewPassword() : NewPassword!;
        Problem = _users.Add(name, NewRole, password, Admin, _time.GetUtcNow());
        if (Problem != null)
        {
            Load();
            return Page();
        }

        if (!generated)
        {
            Message = $"Added {name} ({NewRole}) with the password you typed.";
            return RedirectToPage();
        }

        ShowOnce($"Added {name} ({NewRole})", password);
        return Page();
    }

    /// <summary>Disables an account: not one's own, nor the last enabled admin.</summary>
    public IActionResult OnPostDisable(string? name)
    {
        Problem = !HubUserStore.IsValidName(name) ? "Choose an account to disable."
            : name == Admin ? "You cannot disable your own account: another admin must do it."
            : _users.DisableKeepingAnAdmin(name!, Admin, _time.GetUtcNow());
        if (Problem != null)
        {
            Load();
            return Page();
        }

        Message = $"Disabled {name}: the account cannot log in from now on.";
        return RedirectToPage();
    }

    /// <summary>Gives an account a new generated password, shown once; clears a lockout.</summary>
    public IActionResult OnPostResetPassword(string? name)
    {
        string password = HubUserStore.NewPassword();
        if (!HubUserStore.IsValidName(name) || !_users.ResetPassword(name!, password, Admin, _time.GetUtcNow()))
        {
            Problem = "No such account: nothing changed.";
            Load();
            return Page();
        }

        ShowOnce($"New password for {name}; any lockout is cleared", password);
        return Page();
    }

    private string Admin => User.Identity!.Name!;

    // In this answer and nowhere else: not stored, not in TempData (a cookie), not in a cache; the form starts empty.
    private void ShowOnce(string heading, string password)
    {
        ShownPassword = (heading, password);
        Response.Headers.CacheControl = "no-store";
        ModelState.Clear();
        (NewName, NewRole, NewPassword) = (null, HubRoles.Staff, null);
        Load();
    }

    private void Load()
    {
        NowUtc = _time.GetUtcNow();
        Accounts = _users.List();
    }
}
