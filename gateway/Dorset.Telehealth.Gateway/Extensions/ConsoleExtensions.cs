using System;
using System.Globalization;
using System.Security.Claims;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Accounts;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Apis;
using Dorset.Telehealth.Gateway.StaffConsole;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dorset.Telehealth.Gateway.Extensions;

/// <summary>
/// The hub staff console (issue 11): server-rendered Razor Pages behind cookie sessions of the local accounts. A
/// session is HttpOnly, SameSite=Strict and Secure over HTTPS; it ends after 30 idle minutes and at most 12 hours after
/// login, or at once when the account is disabled. Beyond loopback the gateway listens only over HTTPS with the hub
/// certificate (<see cref="ConsoleListenerPolicy"/>), so a password never crosses the hub LAN in clear. The JSON APIs
/// share the session: without one they answer 401, never the login page.
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
        builder.Services.AddSingleton<ConsoleSessionStore>();
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<ConsoleSessionStore>((cookie, sessions) => cookie.SessionStore = sessions);
        builder.Services.AddSingleton<IValidateOptions<ConsoleListenerPolicy.Listeners>, ConsoleListenerPolicy>();
        builder.Services.AddOptions<ConsoleListenerPolicy.Listeners>()
            .Configure<IConfiguration>((listeners, configuration) => listeners.Urls = ConsoleListenerPolicy.UrlsIn(configuration))
            .ValidateOnStart();
        // Only an https:// listener asks, so a loopback-only gateway never needs the certificate for its console.
        builder.Services.AddOptions<KestrelServerOptions>().Configure<HubTlsIdentity>((kestrel, tls) =>
            kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = tls.Certificate));
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
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
            options.Events.OnValidatePrincipal = RejectEndedSession;
            options.Events.OnRedirectToLogin = context => AnswerApiOrRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => AnswerApiOrRedirect(context, StatusCodes.Status403Forbidden);
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

    /// <summary>Serves the console: static assets, authentication, the pages and the session API.</summary>
    public static WebApplication UseConsole(this WebApplication app)
    {
        app.UseMiddleware<ConsoleTransportGuard>();
        app.UseStatusCodePages(ConsoleStatusPages.WriteAsync);
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
        app.MapSessionApi();
        // Made once the gateway runs, so that a first run's log says at once how to create the first admin (and a start
        // refused for its configuration offers no link to a console that never came up).
        app.Lifetime.ApplicationStarted.Register(() => app.Services.GetRequiredService<SetupToken>());
        return app;
    }

    // A session ends 12 h after login however active, and at once when its account is disabled, changes role or has its
    // password reset.
    private static async Task RejectEndedSession(CookieValidatePrincipalContext context)
    {
        string? issued = context.Principal?.FindFirstValue(ConsoleClaims.LoggedInUtc);
        HubUser? user = context.Principal?.Identity?.Name is { } name ? context.HttpContext.RequestServices.GetRequiredService<HubUserStore>().Find(name) : null;
        if (issued == null || !DateTimeOffset.TryParse(issued, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at)
            || context.Options.TimeProvider!.GetUtcNow() - at >= AbsoluteTimeout
            || user == null || user.DisabledUtc != null || !context.Principal!.IsInRole(user.Role)
            || user.PasswordChangedUtc > at)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        }
    }

    // Scripts and the page's event stream get a status they can act on; a person's browser gets the login page.
    private static Task AnswerApiOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        PathString path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/events"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
