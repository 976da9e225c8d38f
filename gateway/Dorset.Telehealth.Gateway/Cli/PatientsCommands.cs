using System;
using System.CommandLine;
using System.Text.Json;
using Dorset.Telehealth.Gateway.Alerts;
using Spectre.Console;

namespace Dorset.Telehealth.Gateway.Cli;

/// <summary>`patients show REF` and `patients set REF name=value ... --by NAME`: per-patient alert settings, audited.</summary>
public static class PatientsCommands
{
    /// <summary>Builds the `patients` verb.</summary>
    public static Command Create()
    {
        var patients = new Command("patients", "Per-patient alert settings (thresholds, SpO2 scale, oxygen, expected devices).");
        patients.Subcommands.Add(Show());
        patients.Subcommands.Add(Set());
        return patients;
    }

    private static Command Show()
    {
        var common = new CommonOptions();
        var patient = new Argument<string>("ref") { Description = "The patient reference (as given to units add --patient-ref)." };
        var command = new Command("show", "The patient's settings: overrides, and every setting in force.") { patient };
        common.AddTo(command);
        common.SetAction(command, (parse, context) =>
        {
            var store = new PatientSettingsStore(context.Database);
            string reference = parse.GetValue(patient)!;
            if (!store.IsKnownPatient(reference))
            {
                Console.Error.WriteLine($"patients show: no unit has patient reference '{reference}' (see `units list`)");
                return UnitsCommands.RefusedExitCode;
            }

            PatientSettingsView view = store.Show(reference);
            Console.Out.WriteLine("overrides: " + view.Overrides.ToJsonString());
            Console.Out.WriteLine("in force:  " + JsonSerializer.Serialize(view.Effective, AlertJson.Default.PatientSettings));
            return 0;
        });
        return command;
    }

    private static Command Set()
    {
        var common = new CommonOptions();
        var patient = new Argument<string>("ref") { Description = "The patient reference." };
        var assignments = new Argument<string[]>("settings")
        {
            Description = "NAME=VALUE pairs, e.g. spo2Scale=2 supplementalOxygen=true spo2UrgentAtOrBelow=87 deviceScheduleHours.weight-scale=24 expectedDeviceKinds=weight-scale; VALUE 'default' drops an override.",
            Arity = ArgumentArity.OneOrMore,
        };
        var by = new Option<string>("--by") { Description = "Who changes the settings (recorded in the audit table).", Required = true };
        var command = new Command("set", "Change a patient's alert settings; the change is validated and audited.") { patient, assignments, by };
        common.AddTo(command);
        common.SetAction(command, (parse, context) =>
        {
            var store = new PatientSettingsStore(context.Database);
            string reference = parse.GetValue(patient)!;
            string name = parse.GetValue(by)!.Trim();
            if (reference.Length is 0 or > 64 || name.Length is 0 or > 64)
            {
                Console.Error.WriteLine("the patient reference and --by must be 1..64 characters");
                return UnitsCommands.RefusedExitCode;
            }

            var changes = PatientSettingAssignments.Parse(parse.GetValue(assignments)!, store.Show(reference).Overrides, out string? problem);
            problem ??= store.Set(reference, changes!, name, DateTimeOffset.UtcNow);
            if (problem != null)
            {
                Console.Error.WriteLine($"patients set: {problem}; nothing changed");
                return UnitsCommands.RefusedExitCode;
            }

            PatientSettingsView view = store.Show(reference);
            AnsiConsole.MarkupLine(Markup.Escape($"{reference}: {view.Overrides.ToJsonString()} (audited as {name})"));
            if (view.Effective.Spo2Scale == 2 && !view.Overrides.ContainsKey("spo2UrgentAtOrBelow"))
            {
                // Scale 2 changes only the NEWS2 score; the home oximetry pathway's 92 % would alert all day for an 88-92 % target.
                Console.Out.WriteLine($"note: home-oximetry-spo2 still alerts red-urgent at or below {view.Effective.Spo2UrgentAtOrBelow} % and amber at or below {view.Effective.Spo2AmberAtOrBelow} %; " +
                    "set spo2UrgentAtOrBelow and spo2AmberAtOrBelow for this patient's prescribed target");
            }

            return 0;
        });
        return command;
    }
}
