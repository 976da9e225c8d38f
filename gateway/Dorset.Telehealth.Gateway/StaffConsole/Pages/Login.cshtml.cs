using System;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dorset.Telehealth.Gateway.StaffConsole.Pages;

/// <summary>
/// The login form. Every refusal reads the same (unknown name, wrong password, locked, disabled), so the page does not
/// tell an attacker which names exist or when a lockout ends; the audit table keeps the exact reason.
/// </summary>
public sealed class LoginModel : PageModel
{
    /// <summary>The words of every refusal.</summary>
    public const string Refused = "That name and password were not accepted, or the account is locked for 15 minutes after 5 failed attempts. Ask a hub admin if you are locked out.";

    private readonly HubUserStore _users;
    private readonly TimeProvider _time;

    /// <summary>Creates the page.</summary>
    public LoginModel(HubUserStore users, TimeProvider time)
    {
        _users = users;
        _time = time;
    }

    /// <summary>The name typed, shown again after a refusal.</summary>
    [BindProperty]
    public string? Name { get; set; }

    /// <summary>The password typed.</summary>
    [BindProperty]
    public string? Password { get; set; }

    /// <summary>Where to go after logging in (local paths only).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Why the last attempt was refused, or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Checks the password (counting failures) and starts a session.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await ConsoleSignIn.TryAsync(HttpContext, _users, _time, Name, Password).ConfigureAwait(false) == null)
        {
            Problem = Refused;
            return Page();
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
