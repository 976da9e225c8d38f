using System;
using System.CommandLine;
using System.Linq;

namespace Dorset.Telehealth.Gateway.Cli;

/// <summary>
/// The CLI verbs of the gateway binary: `units add|list|revoke|pair`, `provision`, `status`, `readings export`, `alerts list|ack`, `patients show|set`, `users add|list|disable|reset-password`. They open the data
/// dir directly (SQLite in WAL mode lets them run beside the service). With no arguments, or host settings first
/// (`--data-dir DIR --urls ...`), the binary runs the service.
/// </summary>
public static class GatewayCommandLine
{
    private static readonly string[] s_helpAndVersion = { "--help", "-h", "-?", "--version" };

    /// <summary>
    /// True unless <paramref name="args"/> are empty or start with a host setting. Any other first word goes to the
    /// parser, so a mistyped verb (`stauts`) is refused as unknown instead of starting the broker against the data dir.
    /// </summary>
    public static bool IsCliVerb(string[] args) =>
        args.Length > 0 && (!args[0].StartsWith('-') || s_helpAndVersion.Contains(args[0], StringComparer.Ordinal));

    /// <summary>Runs a verb. Redirected output (scripts, tests) gets wide tables instead of Spectre's 80-column default.</summary>
    public static int Run(string[] args)
    {
        if (Console.IsOutputRedirected)
        {
            Spectre.Console.AnsiConsole.Profile.Width = 240;
        }

        return Build().Parse(args).Invoke();
    }

    /// <summary>The root command with every verb.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("Dorset Telehealth hub gateway. With no arguments, or host settings first (--data-dir DIR ...), it runs the service (broker, ingest, forwarder, HTTP).");
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

/// <summary>The flags every verb that touches the data accepts (issue 4 §1).</summary>
public sealed class CommonOptions
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

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(DataDir);
        command.Options.Add(MqttPort);
        command.Options.Add(MqttsPort);
        command.Options.Add(Urls);
        command.Options.Add(CloudUrl);
    }

    /// <summary>Everything the verb needs, resolved like the host resolves it.</summary>
    public CliContext Resolve(ParseResult parse)
    {
        return CliContext.Create(parse.GetValue(DataDir), parse.GetValue(MqttPort), parse.GetValue(MqttsPort), parse.GetValue(Urls), parse.GetValue(CloudUrl));
    }
}
