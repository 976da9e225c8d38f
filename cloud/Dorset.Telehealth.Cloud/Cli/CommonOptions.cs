using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Storage;
using Microsoft.Extensions.Configuration;

namespace Dorset.Telehealth.Cloud.Cli;

/// <summary>The flags every verb accepts, resolved like the host resolves them, and the verb's action on the store they name.</summary>
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

    /// <summary>
    /// Adds the flags to <paramref name="command"/> and sets it to run <paramref name="work"/>, which opens the store they
    /// name with the function it is given, after checking its own arguments (so a refused command creates no database).
    /// A refusal (<see cref="RegistryException"/>) is one line on stderr and exit 2; a store that cannot be opened, read
    /// or written is one line and exit 1; never a stack trace.
    /// </summary>
    public void SetAction(Command command, CliOutput output, Func<ParseResult, Func<Task<ICloudStore>>, CancellationToken, Task> work)
    {
        foreach (Option option in All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancel) =>
        {
            try
            {
                await work(parse, () => OpenAsync(parse, cancel), cancel);
                return 0;
            }
            catch (RegistryException e)
            {
                output.Error.WriteLine("refused: " + e.Message);
                return CloudCommandLine.UsageExitCode;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or IOException or UnauthorizedAccessException)
            {
                output.Error.WriteLine("failed: " + e.Message);
                return CloudCommandLine.FailedExitCode;
            }
        });
    }

    /// <summary>Opens the store the host would open: flags over environment (CloudStoreOptions__...) over appsettings.json.</summary>
    private async Task<ICloudStore> OpenAsync(ParseResult parse, CancellationToken cancel)
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
