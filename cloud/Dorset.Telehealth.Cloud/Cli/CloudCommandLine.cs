using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.Hosting;

namespace Dorset.Telehealth.Cloud.Cli;

/// <summary>
/// The CLI verbs of the `dorset-cloud` binary (issue 5 §1), one file per verb as the gateway's: `gateways`, `readers`,
/// `clients`, `patients`, `units`, `audit`. They open the same store as the service (same flags, same configuration
/// keys), so they run beside it. Exit codes as the gateway's: 0 done, 2 a malformed command line or a refusal (reason on
/// stderr), 1 the store could not be opened or written.
/// </summary>
public static class CloudCommandLine
{
    /// <summary>Exit code of a malformed command line or a refused request: the command is at fault, run it differently.</summary>
    public const int UsageExitCode = 2;

    /// <summary>Exit code when the store could not be opened, read or written: the command was fine, the box is not.</summary>
    public const int FailedExitCode = 1;

    private static readonly VerbArguments s_arguments = new(
        Build(new CliOutput(TextWriter.Null, TextWriter.Null)).Subcommands.Select(c => c.Name).ToArray(), CommonOptions.SharedFlagNames);

    /// <summary>True unless every argument is a host setting, as the gateway decides (see <see cref="VerbArguments"/>).</summary>
    public static bool IsCliVerb(string[] args) => s_arguments.IsVerb(args);

    /// <summary>Runs the verb.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var output = new CliOutput(stdout ?? Console.Out, stderr ?? Console.Error);
        if (s_arguments.UnknownFlagBeforeVerb(args) is { } unknown)
        {
            output.Error.WriteLine(unknown);
            return UsageExitCode;
        }

        ParseResult parse = Build(output).Parse(s_arguments.VerbFirst(args));
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                output.Error.WriteLine(error.Message);
            }

            return UsageExitCode;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output.Out, Error = output.Error });
    }

    /// <summary>The root command with every verb.</summary>
    public static RootCommand Build(CliOutput output)
    {
        var root = new RootCommand("Dorset Telehealth county cloud. Without a verb it runs the service.");
        root.Subcommands.Add(GatewaysCommands.Create(output));
        root.Subcommands.Add(ReadersCommands.Create(output));
        root.Subcommands.Add(ClientsCommands.Create(output));
        root.Subcommands.Add(PatientsCommands.Create(output));
        root.Subcommands.Add(UnitsCommands.Create(output));
        root.Subcommands.Add(AuditCommands.Create(output));
        return root;
    }
}
