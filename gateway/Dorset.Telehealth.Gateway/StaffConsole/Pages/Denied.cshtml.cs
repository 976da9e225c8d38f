using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dorset.Telehealth.Gateway.StaffConsole.Pages;

/// <summary>
/// Where a staff account lands when it asks for an admin page: the explanation, answered as 403 Forbidden so that a
/// script, a browser test or a download manager following the redirect sees a refusal, not a success.
/// </summary>
public sealed class DeniedModel : PageModel
{
    /// <summary>Shows the page.</summary>
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
