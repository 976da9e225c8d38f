using System;
using System.Security.Claims;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Accounts;
using Dorset.Telehealth.Gateway.StaffConsole;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dorset.Telehealth.Gateway.Extensions;

/// <summary>
/// The hub staff console (issue 11): server-rendered Razor Pages behind cookie sessions of the local accounts. A
/// session is HttpOnly, SameSite=Strict and Secure over HTTPS; it ends after 30 idle minutes and at most 12 hours after
/// login. Pages answer only on loopback or over HTTPS, so a password never crosses the hub LAN in clear.
/// </summary>
public static class ConsoleExtensions
{
    /// <summary>Idle expiry of a console session.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Absolute expiry of a console session, however active.</summary>
    public static readonly TimeSpan AbsoluteTimeout = TimeSpan.FromHours(12);

    /// <summary>Registers accounts, cookie authentication, authorization and the pages.</summary>
    public static IHostApplicationBuilder AddConsole(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<HubUserStore>();
        builder.Services.AddSingleton<SetupToken>();
        builder.Services.AddSingleton<BundleDownloads>();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
        {
            options.Cookie.Name = "dorset-console";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/login";
            options.LogoutPath = "/logout";
            options.AccessDeniedPath = "/denied";
            options.ExpireTimeSpan = IdleTimeout;
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = RejectPastAbsoluteExpiry;
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(ConsolePolicies.Admin, policy => policy.RequireRole(HubRoles.Admin));
        builder.Services.AddRazorPages(options =>
        {
            options.RootDirectory = "/StaffConsole/Pages";
            options.Conventions.AuthorizeFolder("/");
            options.Conventions.AllowAnonymousToPage("/Login");
            options.Conventions.AllowAnonymousToPage("/Setup");
        });
        return builder;
    }

    /// <summary>Serves the console: static assets, authentication, and the pages (loopback or HTTPS only).</summary>
    public static WebApplication UseConsole(this WebApplication app)
    {
        app.UseMiddleware<ConsoleTransportGuard>();
        // Beside the binary, not under the working directory: the console's assets ship with the build (systemd, the
        // demo and the tests all start the gateway from elsewhere), and nothing comes from a CDN.
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(System.IO.Path.Combine(AppContext.BaseDirectory, "wwwroot")),
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapConsoleEvents();
        // Made at start, so that a first run's log says at once how to create the first admin.
        app.Services.GetRequiredService<SetupToken>();
        return app;
    }

    private static async Task RejectPastAbsoluteExpiry(CookieValidatePrincipalContext context)
    {
        string? issued = context.Principal?.FindFirstValue(ConsoleClaims.LoggedInUtc);
        if (issued == null || !DateTimeOffset.TryParse(issued, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out DateTimeOffset at)
            || context.Options.TimeProvider!.GetUtcNow() - at >= AbsoluteTimeout)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        }
    }
}
