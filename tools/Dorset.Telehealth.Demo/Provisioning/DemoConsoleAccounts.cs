using System;
using System.IO;
using Dorset.Telehealth.Gateway.Accounts;
using Dorset.Telehealth.Gateway.Storage;

namespace Dorset.Telehealth.Demo.Provisioning;

/// <summary>
/// The demo's two console accounts, a nurse (staff) and an admin, with generated passwords written to one file
/// readable by this user only: the console has no default account, so the demo makes its own, as `users add` would.
/// </summary>
public static class DemoConsoleAccounts
{
    /// <summary>The staff account.</summary>
    public const string Staff = "demo-nurse";

    /// <summary>The admin account.</summary>
    public const string Admin = "demo-admin";

    /// <summary>Creates both accounts once per data directory (also for a directory from before the console).</summary>
    public static void Ensure(PipelineLayout layout)
    {
        if (File.Exists(layout.ConsoleAccountsFile))
        {
            return;
        }

        var users = new HubUserStore(new GatewayDatabase(Path.Combine(layout.GatewayData, "gateway.db")));
        string staff = HubUserStore.NewPassword(), admin = HubUserStore.NewPassword();
        foreach (var (name, role, password) in new[] { (Staff, HubRoles.Staff, staff), (Admin, HubRoles.Admin, admin) })
        {
            if (users.Add(name, role, password, "demo", DateTimeOffset.UtcNow) != null)
            {
                users.ResetPassword(name, password, "demo", DateTimeOffset.UtcNow);
            }
        }

        File.WriteAllText(layout.ConsoleAccountsFile, $"{Staff} {staff}\n{Admin} {admin}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(layout.ConsoleAccountsFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>The password of <paramref name="name"/> from the accounts file <see cref="Ensure"/> wrote.</summary>
    public static string PasswordOf(PipelineLayout layout, string name)
    {
        foreach (string line in File.ReadAllLines(layout.ConsoleAccountsFile))
        {
            string[] parts = line.Split(' ', 2);
            if (parts.Length == 2 && parts[0] == name)
            {
                return parts[1];
            }
        }

        throw new InvalidOperationException($"{layout.ConsoleAccountsFile} has no account {name}");
    }
}
