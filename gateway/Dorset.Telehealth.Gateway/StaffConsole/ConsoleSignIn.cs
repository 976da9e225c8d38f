using System;
using System.Collections.Generic;
using System.Security.Claims;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Accounts;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace Dorset.Telehealth.Gateway.StaffConsole;

/// <summary>
/// Starting a console session from a name and password, for the login form and for POST /api/session alike: one
/// place counts failures, audits the attempt and writes the claims a session is checked against.
/// </summary>
public static class ConsoleSignIn
{
    /// <summary>The longest name and password read (longer ones are refused without hashing).</summary>
    public const int MaxName = 64, MaxPassword = 256;

    /// <summary>The signed-in user, or null when the attempt is refused (for any reason: the audit says which).</summary>
    public static async Task<HubUser?> TryAsync(HttpContext context, HubUserStore users, TimeProvider time, string? name, string? password)
    {
        DateTimeOffset now = time.GetUtcNow();
        string trimmed = (name ?? string.Empty).Trim();
        if (trimmed.Length is 0 or > MaxName || string.IsNullOrEmpty(password) || password.Length > MaxPassword
            || users.Verify(trimmed, password, now) != LoginResult.Succeeded)
        {
            return null;
        }

        HubUser user = users.Find(trimmed)!;
        var identity = new ClaimsIdentity(new List<Claim>
        {
            new(ClaimTypes.Name, user.Name),
            new(ClaimTypes.Role, user.Role),
            new(ConsoleClaims.LoggedInUtc, Timestamp.Format(now)),
        }, CookieAuthenticationDefaults.AuthenticationScheme);
        var principal = new ClaimsPrincipal(identity);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal).ConfigureAwait(false);
        // The rest of this request (an antiforgery token made for the answer) belongs to the new session, not to anonymous.
        context.User = principal;
        return user;
    }
}
