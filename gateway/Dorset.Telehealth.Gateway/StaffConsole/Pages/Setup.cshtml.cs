using System;
using Dorset.Telehealth.Gateway.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dorset.Telehealth.Gateway.StaffConsole.Pages;

/// <summary>The one-time first-run page: with the token from the log, creates the first admin account.</summary>
public sealed class SetupModel : PageModel
{
    private readonly SetupToken _setup;
    private readonly HubUserStore _users;
    private readonly TimeProvider _time;

    /// <summary>Creates the page.</summary>
    public SetupModel(SetupToken setup, HubUserStore users, TimeProvider time)
    {
        _setup = setup;
        _users = users;
        _time = time;
    }

    /// <summary>The one-time token from the gateway's log.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    /// <summary>The admin's login name.</summary>
    [BindProperty]
    public string? Name { get; set; }

    /// <summary>The password.</summary>
    [BindProperty]
    public string? Password { get; set; }

    /// <summary>The password again.</summary>
    [BindProperty]
    public string? Confirm { get; set; }

    /// <summary>Why the form was refused, or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>Shows the form, only with the token and only while no admin exists.</summary>
    public IActionResult OnGet() => _setup.Accepts(Token) ? Page() : NotFound();

    /// <summary>Creates the admin and spends the token.</summary>
    public IActionResult OnPost()
    {
        if (!_setup.Accepts(Token))
        {
            return NotFound();
        }

        Problem = Password != Confirm ? "The two passwords differ."
            : _users.Add((Name ?? string.Empty).Trim(), HubRoles.Admin, Password ?? string.Empty, "setup", _time.GetUtcNow());
        if (Problem != null)
        {
            return Page();
        }

        _setup.Spend();
        return LocalRedirect("/login");
    }
}
