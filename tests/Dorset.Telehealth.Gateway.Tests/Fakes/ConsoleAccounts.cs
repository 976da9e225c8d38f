using System.Collections.Generic;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Dorset.Telehealth.Gateway.Tests.Fakes;

/// <summary>The console accounts page tests log in with: a staff nurse and an admin, with one password.</summary>
public static class ConsoleAccounts
{
    public const string Password = "correct horse battery";

    public const string Staff = "nurse.jones";

    public const string Admin = "admin.a";

    /// <summary>A real gateway (<see cref="AlertHost"/>) with both accounts.</summary>
    public static AlertHost StartHost(IDictionary<string, string?>? settings = null)
    {
        var host = AlertHost.Start(settings: settings);
        var users = host.Host.Services.GetRequiredService<HubUserStore>();
        users.Add(Staff, HubRoles.Staff, Password, "test", AlertHost.FrameTime);
        users.Add(Admin, HubRoles.Admin, Password, "test", AlertHost.FrameTime);
        return host;
    }

    /// <summary>A browser logged in as <paramref name="name"/>.</summary>
    public static async Task<ConsoleBrowser> LoginAsync(AlertHost host, string name)
    {
        var browser = new ConsoleBrowser(host.Host);
        await browser.LoginAsync(name, Password);
        return browser;
    }
}
