using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    /// <summary>
    /// Parses NAME=VALUE pairs: VALUE is a number, true/false, a comma list for expectedDeviceKinds, or "default" to
    /// drop the override; deviceScheduleHours.KIND=H sets one device kind's schedule. Null with a one-line problem.
    /// </summary>
    public static IReadOnlyDictionary<string, JsonNode?>? ParseAssignments(IEnumerable<string> assignments, JsonObject current, out string? problem)
    {
        var changes = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        JsonObject schedules = current["deviceScheduleHoursByKind"] is JsonObject existing ? (JsonObject)existing.DeepClone() : new JsonObject();
        bool schedulesChanged = false;
        foreach (string assignment in assignments)
        {
            int equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                problem = $"'{assignment}' is not NAME=VALUE (e.g. spo2Scale=2)";
                return null;
            }

            string name = assignment[..equals].Trim();
            string value = assignment[(equals + 1)..].Trim();
            if (name.StartsWith("deviceScheduleHours.", StringComparison.Ordinal))
            {
                string kind = name["deviceScheduleHours.".Length..];
                schedules.Remove(kind);
                if (value != "default")
                {
                    schedules[kind] = Parse(value);
                }

                schedulesChanged = true;
                continue;
            }

            changes[name] = value == "default" ? null
                : name == "expectedDeviceKinds" ? new JsonArray(Array.ConvertAll(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), k => (JsonNode?)JsonValue.Create(k)))
                : Parse(value);
        }

        if (schedulesChanged)
        {
            changes["deviceScheduleHoursByKind"] = schedules.Count == 0 ? null : schedules;
        }

        problem = changes.Count == 0 ? "give at least one NAME=VALUE" : null;
        return problem == null ? changes : null;
    }

    private static JsonNode? Parse(string value)
    {
        try
        {
            return JsonNode.Parse(value);
        }
        catch (JsonException)
        {
            return JsonValue.Create(value);
        }
    }

    private static Command Show()
    {
        var common = new CommonOptions();
        var patient = new Argument<string>("ref") { Description = "The patient reference (as given to units add --patient-ref)." };
        var command = new Command("show", "The patient's settings: overrides, and every setting in force.") { patient };
        common.AddTo(command);
        command.SetAction(parse =>
        {
            CliContext context = common.Resolve(parse);
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
        command.SetAction(parse =>
        {
            CliContext context = common.Resolve(parse);
            var store = new PatientSettingsStore(context.Database);
            string reference = parse.GetValue(patient)!;
            string name = parse.GetValue(by)!.Trim();
            if (reference.Length is 0 or > 64 || name.Length is 0 or > 64)
            {
                Console.Error.WriteLine("the patient reference and --by must be 1..64 characters");
                return UnitsCommands.RefusedExitCode;
            }

            var changes = ParseAssignments(parse.GetValue(assignments)!, store.Show(reference).Overrides, out string? problem);
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
