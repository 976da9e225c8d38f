using System;
using System.CommandLine;
using System.Globalization;
using Dorset.Telehealth.Gateway.Accounts;
using Spectre.Console;

namespace Dorset.Telehealth.Gateway.Cli;

/// <summary>`users add|list|disable|reset-password`: the console's local accounts (issue 11 "Access").</summary>
public static class UsersCommands
{
    /// <summary>Who the audit table names for a CLI change: the operating-system account that ran it.</summary>
    public static string CliActor => "cli:" + Environment.UserName;

    /// <summary>Builds the `users` verb.</summary>
    public static Command Create()
    {
        var users = new Command("users", "Hub console accounts: staff see and acknowledge alerts; admins also provision and manage users.");
        users.Subcommands.Add(Add());
        users.Subcommands.Add(List());
        users.Subcommands.Add(Disable());
        users.Subcommands.Add(ResetPassword());
        return users;
    }

    private static Option<bool> PasswordFromStdin() =>
        new("--password-stdin") { Description = $"Read the password from the first line of standard input (at least {HubUserStore.MinPasswordLength} characters) instead of generating one." };

    // Generated unless asked for on stdin, so that a password never sits in shell history or a process list.
    private static string? Password(bool fromStdin, out string? problem)
    {
        string password = fromStdin ? (Console.In.ReadLine() ?? string.Empty).TrimEnd('\r', '\n') : HubUserStore.NewPassword();
        problem = HubUserStore.PasswordProblem(password);
        return problem == null ? password : null;
    }

    private static Command Add()
    {
        var common = new CommonOptions(setsUpHub: true);
        var name = new Option<string>("--name") { Description = "The login name (letters, digits, '.', '_', '-').", Required = true };
        var role = new Option<string>("--role") { Description = "staff or admin.", Required = true };
        role.AcceptOnlyFromAmong(HubRoles.All);
        var stdin = PasswordFromStdin();
        var command = new Command("add", "Add an account; prints its generated password ONCE.") { name, role, stdin };
        common.AddTo(command);
        common.SetAction(command, (parse, context) =>
        {
            string? password = Password(parse.GetValue(stdin), out string? problem);
            problem ??= new HubUserStore(context.Database).Add(parse.GetValue(name)!, parse.GetValue(role)!, password!, CliActor, DateTimeOffset.UtcNow);
            if (problem != null)
            {
                Console.Error.WriteLine($"users add: {problem}");
                return UnitsCommands.RefusedExitCode;
            }

            Console.Out.WriteLine($"added {parse.GetValue(name)} ({parse.GetValue(role)})");
            if (!parse.GetValue(stdin))
            {
                Console.Out.WriteLine($"password (shown once, not stored): {password}");
            }

            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var common = new CommonOptions();
        var command = new Command("list", "Every account: role, state, failed logins.");
        common.AddTo(command);
        common.SetAction(command, (parse, context) =>
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            var table = new Table().Border(TableBorder.Rounded).AddColumn("name").AddColumn("role").AddColumn("state").AddColumn("failed logins").AddColumn("created (UTC)");
            foreach (HubUser user in new HubUserStore(context.Database).List())
            {
                string state = user.DisabledUtc != null ? "disabled"
                    : user.LockedUntilUtc > now ? $"locked until {user.LockedUntilUtc:yyyy-MM-dd HH:mm}Z"
                    : "enabled";
                table.AddRow(Markup.Escape(user.Name), user.Role, Markup.Escape(state), user.FailedLogins.ToString(CultureInfo.InvariantCulture),
                    user.CreatedUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Disable()
    {
        var common = new CommonOptions();
        var name = new Argument<string>("name") { Description = "The account." };
        var command = new Command("disable", "Refuse the account's logins from now on.") { name };
        common.AddTo(command);
        common.SetAction(command, (parse, context) =>
        {
            if (!new HubUserStore(context.Database).Disable(parse.GetValue(name)!, CliActor, DateTimeOffset.UtcNow))
            {
                Console.Error.WriteLine($"users disable: no user named '{parse.GetValue(name)}' (see `users list`)");
                return UnitsCommands.RefusedExitCode;
            }

            Console.Out.WriteLine($"disabled {parse.GetValue(name)}");
            return 0;
        });
        return command;
    }

    private static Command ResetPassword()
    {
        var common = new CommonOptions();
        var name = new Argument<string>("name") { Description = "The account." };
        var stdin = PasswordFromStdin();
        var command = new Command("reset-password", "Give the account a new password (printed ONCE unless read from stdin); clears a lockout.") { name, stdin };
        common.AddTo(command);
        common.SetAction(command, (parse, context) =>
        {
            string? password = Password(parse.GetValue(stdin), out string? problem);
            if (problem == null && !new HubUserStore(context.Database).ResetPassword(parse.GetValue(name)!, password!, CliActor, DateTimeOffset.UtcNow))
            {
                problem = $"no user named '{parse.GetValue(name)}' (see `users list`)";
            }

            if (problem != null)
            {
                Console.Error.WriteLine($"users reset-password: {problem}");
                return UnitsCommands.RefusedExitCode;
            }

            Console.Out.WriteLine(parse.GetValue(stdin) ? $"password of {parse.GetValue(name)} changed" : $"new password of {parse.GetValue(name)} (shown once, not stored): {password}");
            return 0;
        });
        return command;
    }
}
