using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dorset.Telehealth.Gateway.StaffConsole.Pages;

/// <summary>Ends the session (a form post, so a link elsewhere cannot log anyone out).</summary>
public sealed class LogoutModel : PageModel
{
    /// <summary>Logging out is a post; a plain visit goes back to the overview.</summary>
    public IActionResult OnGet() => LocalRedirect("/");

    /// <summary>Signs out and shows the login form.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        return LocalRedirect("/login");
    }
}
