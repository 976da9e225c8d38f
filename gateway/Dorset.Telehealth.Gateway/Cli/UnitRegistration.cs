using System;
using System.CommandLine;
using System.IO;
using Dorset.Telehealth.Gateway.Patients;
using Dorset.Telehealth.Gateway.Provisioning;
using Microsoft.Data.Sqlite;
using Spectre.Console;

namespace Dorset.Telehealth.Gateway.Cli;

/// <summary>
/// What `units add` and `provision` share: register a unit, audited as the CLI's user, and write its bundle into a
/// new folder of its own, printing the secret once.
/// </summary>
public static class UnitRegistration
{
    /// <summary>The --out option.</summary>
    public static Option<string?> OutOption() => new("--out")
    {
        Description = "The folder in which the bundle gets a new folder of its own, ID-bundle (default: DATA_DIR/provisioning).",
    };

    /// <summary>The --host option.</summary>
    public static Option<string?> HostOption() => new("--host")
    {
        Description = "The name or address units reach the hub at from a patient's home (default: the first of BrokerOptions:HostNames; one of the two is required).",
    };

    /// <summary>
    /// Registers a unit (and its patient's details) and writes its provisioning bundle into PARENT/ID-bundle,
    /// <paramref name="bundleParent"/> or DATA_DIR/provisioning. Returns the bundle's folder, or null when refused
    /// (the reason printed on one line of stderr): a hub units could not reach, a bundle folder that already holds
    /// files, or a data dir this user cannot write are all refused before anything is registered.
    /// </summary>
    public static string? Register(CliContext context, UnitRequest request, string? bundleParent, string? hostFlag)
    {
        string dataDir = context.Gateway.DataDirFullPath;
        BundleFolder? folder = null;
        try
        {
            var (host, problem, reissued) = ProvisioningReadiness.Check(context.Gateway, context.Broker, hostFlag);
            if (host == null)
            {
                UnitsCommands.Refuse(problem!);
                return null;
            }

            problem = context.Provisioning.UnitIdProblem(request);
            if (problem != null)
            {
                UnitsCommands.Refuse(problem);
                return null;
            }

            (folder, problem) = BundleFolder.Claim(bundleParent ?? Path.Combine(dataDir, "provisioning"), request.UnitId);
            if (folder == null)
            {
                UnitsCommands.Refuse(problem!);
                return null;
            }

            var (unit, refusal) = context.Provisioning.Provision(request, UsersCommands.CliActor);
            if (unit == null)
            {
                folder.Release();
                UnitsCommands.Refuse(refusal!);
                return null;
            }

            if (WriteBundle(folder, unit, host, context) is not string configPath)
            {
                return null;
            }

            Show(context, unit, folder.Path, configPath, host, reissued);
            return folder.Path;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException or SqliteException)
        {
            folder?.Release();
            UnitsCommands.Refuse($"cannot use the data dir {dataDir} as {Environment.UserName}: {OneLine(e.Message)} (run it as the gateway service's user, e.g. sudo -u dorset-gateway)");
            return null;
        }
    }

    // After the unit is registered its secret exists nowhere else: a failed write says what to do instead of
    // leaving an unflashable unit behind in silence.
    private static string? WriteBundle(BundleFolder folder, ProvisionedUnit unit, string host, CliContext context)
    {
        try
        {
            return folder.Write(ProvisioningBundle.Build(unit.UnitId, unit.Secret, host, context.Gateway, context.Broker));
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            UnitsCommands.Refuse($"{unit.UnitId} was registered but its bundle could not be written to {folder.Path} ({OneLine(e.Message)}); revoke it (units revoke {unit.UnitId}) and provision a new unit id");
            return null;
        }
    }

    private static void Show(CliContext context, ProvisionedUnit unit, string bundle, string configPath, string host, bool reissued)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("unit").AddColumn("patient").AddColumn("hub address").AddColumn("bundle");
        table.AddRow(Markup.Escape(unit.UnitId), Markup.Escape(PatientShown(context, unit.PatientRef)), Markup.Escape(host), Markup.Escape(bundle));
        AnsiConsole.Write(table);
        if (reissued)
        {
            AnsiConsole.MarkupLine($"[yellow]The hub certificate now also names {Markup.Escape(host)} (same CA: units flashed before still trust it). Restart the gateway service so that it serves it.[/]");
        }

        AnsiConsole.MarkupLine("[yellow]The secret is shown once and stored only as a hash. It is also in the bundle's unit config: flash it, then delete the bundle.[/]");
        // A line of its own, unstyled, so a provisioning script can take it.
        AnsiConsole.WriteLine($"secret: {unit.Secret}");
        AnsiConsole.WriteLine($"config: {configPath}");
    }

    // As the patient list now holds them: a known patient's stored name, not only what was typed this time.
    private static string PatientShown(CliContext context, string? patientRef)
    {
        PatientRecord? patient = patientRef == null ? null : context.Patients.Find(patientRef);
        return patient == null ? patientRef ?? "-"
            : $"{patient.PatientRef} ({patient.DisplayName ?? "no name"}{(patient.NhsNumberShown is string nhs ? ", NHS number " + nhs : "")})";
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
