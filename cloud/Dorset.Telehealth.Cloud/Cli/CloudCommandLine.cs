using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Ingestion;
using Dorset.Telehealth.Cloud.Registry;
using Dorset.Telehealth.Cloud.Storage;
using Dorset.Telehealth.Hosting;
using Microsoft.Extensions.Configuration;

namespace Dorset.Telehealth.Cloud.Cli;

/// <summary>
/// The CLI verbs of the `dorset-cloud` binary (issue 5 §1). They open the same store as the service (same flags,
/// same configuration keys), so they run beside it. Exit codes as the gateway's: 0 done, 2 a malformed command line or
/// a refusal (reason on stderr), 1 the store could not be opened or written.
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
        var common = new CommonOptions();

        var gateways = new Command("gateways", "Hub gateways allowed to post readings.");
        var id = new Option<string>("--id") { Description = "The gateway id, e.g. gw-wareham.", Required = true };
        var hub = new Option<string>("--hub") { Description = "The hub the gateway serves, e.g. wareham.", Required = true };
        var add = new Command("add", "Register a gateway and print its secret once.") { id, hub };
        common.AddTo(add);
        add.SetAction((parse, cancel) => Guard(output, async () =>
        {
            string gatewayId = parse.GetValue(id)!;
            string hubName = parse.GetValue(hub)!;
            if (!ValidName(gatewayId) || !ValidName(hubName))
            {
                throw new RegistryException("--id and --hub must be 1..64 characters of A-Z a-z 0-9 . _ -");
            }

            ICloudStore store = await common.OpenAsync(parse, cancel);
            string secret = BearerSecret.New(BearerSecret.GatewayPrefix);
            await store.AddGatewayAsync(gatewayId, hubName, BearerSecret.Hash(secret), cancel);
            output.Out.WriteLine($"Gateway {gatewayId} added for hub {hubName}.");
            PrintSecretOnce(output, secret, "Put it in the gateway's ForwardingOptions as the bearer secret:");
        }));

        Command revoke = RevokeCommand(output, common, "gateway", "Revoke a gateway: its secret is refused from the next request on.", (store, gatewayId, cancel) => store.RevokeGatewayAsync(gatewayId, cancel));

        var list = new Command("list", "List gateways.");
        common.AddTo(list);
        list.SetAction((parse, cancel) => Guard(output, async () =>
        {
            ICloudStore store = await common.OpenAsync(parse, cancel);
            output.Out.WriteLine($"{"id",-24} {"hub",-20} {"created",-22} revoked");
            foreach (GatewayRecord g in await store.ListGatewaysAsync(cancel))
            {
                output.Out.WriteLine($"{g.Id,-24} {g.Hub,-20} {g.CreatedAt.UtcDateTime,-22:yyyy-MM-dd HH:mm:ss} {(g.RevokedAt.HasValue ? g.RevokedAt.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "-")}");
            }
        }));
        gateways.Subcommands.Add(add);
        gateways.Subcommands.Add(revoke);
        gateways.Subcommands.Add(list);

        var readers = new Command("readers", "Clinical systems and staff allowed to read the FHIR API.");
        var readerId = new Option<string>("--id") { Description = "The reader id, e.g. dch-ehr.", Required = true };
        var readerName = new Option<string>("--name") { Description = "Who or what reads, e.g. \"Dorset County Hospital EHR\".", Required = true };
        var addReader = new Command("add", "Register a FHIR reader and print its secret once.") { readerId, readerName };
        common.AddTo(addReader);
        addReader.SetAction((parse, cancel) => Guard(output, async () =>
        {
            string id = parse.GetValue(readerId)!;
            string who = parse.GetValue(readerName)!.Trim();
            if (!ValidName(id) || who.Length is 0 or > 200)
            {
                throw new RegistryException("--id must be 1..64 characters of A-Z a-z 0-9 . _ - and --name 1..200 characters");
            }

            ICloudStore store = await common.OpenAsync(parse, cancel);
            string secret = BearerSecret.New(BearerSecret.ReaderPrefix);
            await store.AddReaderAsync(id, who, BearerSecret.Hash(secret), cancel);
            output.Out.WriteLine($"Reader {id} ({who}) added.");
            PrintSecretOnce(output, secret, "Send it as 'Authorization: Bearer <secret>' with every /fhir request:");
        }));
        readers.Subcommands.Add(addReader);
        readers.Subcommands.Add(RevokeCommand(output, common, "reader", "Revoke a FHIR reader: its secret is refused from the next request on.", (store, id, cancel) => store.RevokeReaderAsync(id, cancel)));

        var patients = new Command("patients", "Patients, identified by NHS number.");
        var nhsOption = new Option<string>("--nhs-number") { Description = "10 digits with a modulus-11 check digit (spaces allowed).", Required = true };
        var name = new Option<string>("--name") { Description = "The patient's name.", Required = true };
        var addPatient = new Command("add", "Register a patient.") { nhsOption, name };
        common.AddTo(addPatient);
        addPatient.SetAction((parse, cancel) => Guard(output, async () =>
        {
            if (!NhsNumber.TryNormalise(parse.GetValue(nhsOption), out string nhs, out string why))
            {
                throw new RegistryException($"invalid NHS number '{parse.GetValue(nhsOption)}': {why}");
            }

            string patientName = parse.GetValue(name)!.Trim();
            if (patientName.Length == 0)
            {
                throw new RegistryException("--name must not be empty");
            }

            ICloudStore store = await common.OpenAsync(parse, cancel);
            await store.AddPatientAsync(nhs, patientName, cancel);
            output.Out.WriteLine($"Patient {nhs} added.");
        }));
        patients.Subcommands.Add(addPatient);

        var units = new Command("units", "Home units and the patients they are issued to.");
        var unit = new Option<string>("--unit") { Description = "The home unit id.", Required = true };
        var patient = new Option<string>("--patient") { Description = "The patient's NHS number.", Required = true };
        var from = new Option<string>("--from")
        {
            Description = "Start of the assignment: an ISO date or date-time; without an offset it is UK civil time.",
            Required = true,
        };
        var unitHub = new Option<string?>("--hub") { Description = "The unit's hub; required the first time a unit is assigned." };
        var assign = new Command("assign", "Issue a unit to a patient from a time on; ends the unit's previous assignment then.") { unit, patient, from, unitHub };
        common.AddTo(assign);
        assign.SetAction((parse, cancel) => Guard(output, async () =>
        {
            if (!NhsNumber.TryNormalise(parse.GetValue(patient), out string nhs, out string why))
            {
                throw new RegistryException($"invalid NHS number '{parse.GetValue(patient)}': {why}");
            }

            if (!TryParseFrom(parse.GetValue(from)!, out DateTimeOffset start))
            {
                throw new RegistryException($"--from '{parse.GetValue(from)}' is not an ISO date or date-time");
            }

            ICloudStore store = await common.OpenAsync(parse, cancel);
            AssignResult result = await store.AssignUnitAsync(parse.GetValue(unit)!, nhs, start, parse.GetValue(unitHub), cancel);
            output.Out.WriteLine($"Unit {parse.GetValue(unit)} assigned to patient {nhs} from {start:O}.");
            if (result.ClosedPatient != null)
            {
                output.Out.WriteLine($"Its assignment to patient {result.ClosedPatient} ends at that instant.");
            }

            output.Out.WriteLine($"{result.Reattributed} earlier unassigned reading(s) and {result.ReattributedAlerts} alert revision(s) attributed to patient {nhs}.");
        }));
        units.Subcommands.Add(assign);

        root.Subcommands.Add(gateways);
        root.Subcommands.Add(readers);
        root.Subcommands.Add(patients);
        root.Subcommands.Add(units);
        return root;
    }

    /// <summary>
    /// Parses --from: with an offset as given; a date or a date-time without offset is UK civil time (what the
    /// nurse issuing the unit means).
    /// </summary>
    public static bool TryParseFrom(string text, out DateTimeOffset start)
    {
        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime day))
        {
            start = UkCivilTime.ToOffset(day.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
            return true;
        }

        if (DateTime.TryParseExact(text, new[] { "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss" }, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime local))
        {
            start = UkCivilTime.ToOffset(local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out start)
            && (text.EndsWith('Z') || (text.Length > 6 && (text[^6] == '+' || text[^6] == '-')));
    }

    private static void PrintSecretOnce(CliOutput output, string secret, string use)
    {
        output.Out.WriteLine("Its secret follows. It is shown only this once; the cloud keeps only its SHA-256.");
        output.Out.WriteLine(use);
        output.Out.WriteLine(secret);
    }

    /// <summary>`gateways revoke ID` and `readers revoke ID`.</summary>
    private static Command RevokeCommand(CliOutput output, CommonOptions common, string noun, string description, Func<ICloudStore, string, CancellationToken, Task<bool>> revoke)
    {
        var id = new Argument<string>("id") { Description = $"The {noun} id." };
        var command = new Command("revoke", description) { id };
        common.AddTo(command);
        command.SetAction((parse, cancel) => Guard(output, async () =>
        {
            ICloudStore store = await common.OpenAsync(parse, cancel);
            string value = parse.GetValue(id)!;
            if (!await revoke(store, value, cancel))
            {
                throw new RegistryException($"no {noun} '{value}'");
            }

            output.Out.WriteLine($"{char.ToUpperInvariant(noun[0])}{noun[1..]} {value} revoked.");
        }));
        return command;
    }

    private static bool ValidName(string text) =>
        text.Length is > 0 and <= 64 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static async Task<int> Guard(CliOutput output, Func<Task> work)
    {
        try
        {
            await work();
            return 0;
        }
        catch (RegistryException e)
        {
            output.Error.WriteLine("refused: " + e.Message);
            return UsageExitCode;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or UnauthorizedAccessException)
        {
            output.Error.WriteLine("failed: " + e.Message);
            return FailedExitCode;
        }
    }
}

/// <summary>Where verbs write (console, or a test's writers).</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
public sealed record CliOutput(TextWriter Out, TextWriter Error);

/// <summary>The flags every verb accepts, resolved like the host resolves them.</summary>
public sealed class CommonOptions
{
    /// <summary>--data-dir.</summary>
    public Option<string?> DataDir { get; } = new("--data-dir") { Description = "The SQLite store's folder (default: CloudStoreOptions:DataDirectory, ./data)." };

    /// <summary>--postgres.</summary>
    public Option<string?> Postgres { get; } = new("--postgres") { Description = "Use PostgreSQL with this Npgsql connection string." };

    /// <summary>--urls (accepted so one set of flags works for the host and the verbs; verbs do not listen).</summary>
    public Option<string?> Urls { get; } = new("--urls") { Description = "The service's HTTP address(es); ignored by verbs." };

    /// <summary>The shared flags' names, the only options that may come before a verb.</summary>
    public static IReadOnlyCollection<string> SharedFlagNames { get; } = new CommonOptions().All.Select(o => o.Name).ToArray();

    private Option[] All => [DataDir, Postgres, Urls];

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Opens the store the host would open: flags over environment (CloudStoreOptions__...) over appsettings.json.</summary>
    public async Task<ICloudStore> OpenAsync(ParseResult parse, CancellationToken cancel)
    {
        IConfigurationRoot configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = new CloudStoreOptions();
        configuration.GetSection(nameof(CloudStoreOptions)).Bind(options);
        options.DataDirectory = parse.GetValue(DataDir) ?? options.DataDirectory;
        options.PostgresConnectionString = parse.GetValue(Postgres) ?? options.PostgresConnectionString;
        ICloudStore store = CloudStoreFactory.Create(options);
        await store.EnsureSchemaAsync(cancel);
        return store;
    }
}
