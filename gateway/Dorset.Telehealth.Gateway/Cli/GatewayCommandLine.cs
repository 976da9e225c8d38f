using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Dorset.Telehealth.Hosting;

namespace Dorset.Telehealth.Gateway.Cli;

/// <summary>
/// The CLI verbs of the gateway binary: `units add|list|revoke|pair`, `provision`, `status`, `readings export`, `alerts list|ack`, `patients show|set`, `users add|list|disable|reset-password`. They open the data
/// dir directly (SQLite in WAL mode lets them run beside the service). With no arguments, or host settings only
/// (`--data-dir DIR --urls ...`), the binary runs the service.
/// </summary>
public static class GatewayCommandLine
{
    /// <summary>Exit code of a malformed command line (unknown verb or option, a missing required one), as of a refusal.</summary>
    public const int UsageExitCode = 2;

    /// <summary>Exit code when the data dir could not be read or written (the command was fine; the box is not).</summary>
    public const int FailedExitCode = 1;

    private static readonly VerbArguments s_arguments = new(Build().Subcommands.Select(c => c.Name).ToArray(), CommonOptions.SharedFlagNames);

    /// <summary>True unless every argument is a host setting (see <see cref="VerbArguments"/>).</summary>
    public static bool IsCliVerb(string[] args) => s_arguments.IsVerb(args);

    /// <summary>
    /// Runs a verb. Redirected output (scripts, tests) gets wide tables instead of Spectre's 80-column default. A
    /// malformed command line prints the parser's errors and usage and exits <see cref="UsageExitCode"/>.
    /// </summary>
    public static int Run(string[] args)
    {
        if (Console.IsOutputRedirected)
        {
            Spectre.Console.AnsiConsole.Profile.Width = 240;
        }

        if (s_arguments.UnknownFlagBeforeVerb(args) is { } unknown)
        {
            Console.Error.WriteLine(unknown);
            return UsageExitCode;
        }

        ParseResult parse = Build().Parse(s_arguments.VerbFirst(args));
        if (parse.Errors.Count > 0)
        {
            parse.Invoke();
            return UsageExitCode;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception failed) when (failed is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"failed: {failed.Message}");
            return FailedExitCode;
        }
    }

    /// <summary>The root command with every verb.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("Dorset Telehealth hub gateway. With no arguments, or host settings only (--data-dir DIR ...), it runs the service (broker, ingest, forwarder, HTTP).");
        root.Subcommands.Add(UnitsCommands.Create());
        root.Subcommands.Add(ProvisionCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(ReadingsCommands.Create());
        root.Subcommands.Add(AlertsCommands.Create());
        root.Subcommands.Add(PatientsCommands.Create());
        root.Subcommands.Add(UsersCommands.Create());
        return root;
    }
}

/// <summary>
/// The flags every verb that touches the data accepts (issue 4 §1), and the verb's action on the data dir they name.
/// Only a verb that sets a hub up (<paramref name="setsUpHub"/>: `units add`, `provision`, `users add`) may create the
/// database; every other verb refuses a data dir without one, so that a mistyped --data-dir cannot report an empty,
/// all-clear hub.
/// </summary>
public sealed class CommonOptions(bool setsUpHub = false)
{
    /// <summary>--data-dir.</summary>
    public Option<string?> DataDir { get; } = new("--data-dir") { Description = "The gateway data dir (default: GatewayOptions:DataDir, ./data)." };

    /// <summary>--mqtt-port.</summary>
    public Option<int?> MqttPort { get; } = new("--mqtt-port") { Description = "The plain loopback MQTT port of the service." };

    /// <summary>--mqtts-port.</summary>
    public Option<int?> MqttsPort { get; } = new("--mqtts-port") { Description = "The TLS MQTT port units connect to." };

    /// <summary>--urls.</summary>
    public Option<string?> Urls { get; } = new("--urls") { Description = "The service's HTTP address(es), e.g. http://127.0.0.1:5080." };

    /// <summary>--cloud-url.</summary>
    public Option<string?> CloudUrl { get; } = new("--cloud-url") { Description = "The county cloud's base URL." };

    /// <summary>The shared flags' names, the only options that may come before a verb.</summary>
    public static IReadOnlyCollection<string> SharedFlagNames { get; } = new CommonOptions().All.Select(o => o.Name).ToArray();

    private Option[] All => [DataDir, MqttPort, MqttsPort, Urls, CloudUrl];

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>
    /// Sets <paramref name="command"/> to run <paramref name="action"/> with everything it needs, resolved like the host
    /// resolves it; a missing database is refused first (exit 2, one line, nothing created) unless the verb sets a hub up.
    /// </summary>
    public void SetAction(Command command, Func<ParseResult, CliContext, int> action)
    {
        command.SetAction(parse =>
        {
            CliContext context = CliContext.Create(parse.GetValue(DataDir), parse.GetValue(MqttPort), parse.GetValue(MqttsPort), parse.GetValue(Urls), parse.GetValue(CloudUrl));
            if (!setsUpHub && !File.Exists(context.Gateway.DatabasePath))
            {
                Console.Error.WriteLine($"no gateway database in {context.Gateway.DataDirFullPath} (is --data-dir right?)");
                return UnitsCommands.RefusedExitCode;
            }

            return action(parse, context);
        });
    }
}
