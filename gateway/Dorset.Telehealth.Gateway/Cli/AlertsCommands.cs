using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.StaffConsole;
using Spectre.Console;

namespace Dorset.Telehealth.Gateway.Cli;

/// <summary>`alerts list [--state S] [--patient REF]` and `alerts ack ID --by NAME --note TEXT`.</summary>
public static class AlertsCommands
{
    /// <summary>Builds the `alerts` verb.</summary>
    public static Command Create()
    {
        var alerts = new Command("alerts", "Clinical alerts raised at this hub: list them, acknowledge one.");
        alerts.Subcommands.Add(List());
        alerts.Subcommands.Add(Acknowledge());
        return alerts;
    }

    /// <summary>The alerts table: one row per alert, most urgent unacknowledged first.</summary>
    public static Table AlertTable(IReadOnlyList<AlertRecord> alerts, DateTimeOffset nowUtc, string title)
    {
        // The id is what `alerts ack ID` needs, copied from here: it must never wrap, even when the other columns must.
        var table = new Table().Border(TableBorder.Rounded).Title(title).AddColumn(new TableColumn("id").NoWrap());
        foreach (string column in new[] { "level", "state", "patient", "unit", "rule", "what", "worst", "breaches", "last breach (age)", "acknowledged" })
        {
            table.AddColumn(column);
        }

        foreach (AlertRecord a in alerts)
        {
            string level = a.Level switch { "red-urgent" => "[red bold]red-urgent[/]", "red" => "[red]red[/]", "amber" => "[yellow]amber[/]", _ => a.Level };
            table.AddRow(Markup.Escape(a.Id), level, Markup.Escape(a.State), Markup.Escape(a.PatientRef ?? "-"), Markup.Escape(a.UnitId),
                Markup.Escape($"{a.RuleId} v{a.RuleVersion}"), Markup.Escape(a.Summary),
                Markup.Escape(a.Worst == null ? "-" : $"{a.Worst.Value} {a.Worst.Unit}"), a.BreachCount.ToString(CultureInfo.InvariantCulture),
                Markup.Escape($"{a.LastBreachUtc:yyyy-MM-dd HH:mm}Z ({LateReading(nowUtc - a.LastBreachUtc)} ago)"),
                Markup.Escape(a.Acknowledged == null ? "-" : $"{a.Acknowledged.By} {a.Acknowledged.AtUtc:yyyy-MM-dd HH:mm}Z"));
        }

        return table;
    }

    private static Command List()
    {
        var common = new CommonOptions();
        var state = new Option<string?>("--state") { Description = "Only alerts in this state: open, acknowledged or resolved." };
        state.AcceptOnlyFromAmong(AlertRecord.States.ToArray());
        var patient = new Option<string?>("--patient") { Description = "Only this patient's alerts (the hub's patient reference)." };
        var json = new Option<bool>("--json") { Description = "One JSON object per alert instead of a table." };
        var command = new Command("list", "Alerts, most urgent unacknowledged first.") { state, patient, json };
        common.AddTo(command);
        common.SetAction(command, (parse, context) =>
        {
            string? patientRef = parse.GetValue(patient);
            if (patientRef != null && !new PatientSettingsStore(context.Database).IsKnownPatient(patientRef))
            {
                Console.Error.WriteLine($"note: no unit has patient reference '{patientRef}' now (see `units list`); listing its past alerts, if any");
            }

            IReadOnlyList<AlertRecord> alerts = new AlertStore(context.Database).List(parse.GetValue(state), patientRef, null);
            if (parse.GetValue(json))
            {
                foreach (AlertRecord alert in alerts)
                {
                    Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(alert, AlertJson.Default.AlertRecord));
                }

                return 0;
            }

            AnsiConsole.Write(AlertTable(alerts, DateTimeOffset.UtcNow, $"alerts ({alerts.Count})"));
            return 0;
        });
        return command;
    }

    private static Command Acknowledge()
    {
        var common = new CommonOptions();
        var id = new Argument<string>("id") { Description = "The alert id (alerts list)." };
        var by = new Option<string>("--by") { Description = "Who acknowledges: a name hub staff will recognise.", Required = true };
        // Not Required to the parser: a missing note is a refusal (exit 2, one line) like a bad one, not a usage error.
        var note = new Option<string?>("--note") { Description = $"What was done (1..{ConsoleAcknowledgement.MaxNote} characters, required), e.g. \"phoned patient, repeat reading 96 %\"." };
        var command = new Command("ack", "Acknowledge an alert: records who, when and the note; the alert LED goes off when no red alert is left unacknowledged.") { id, by, note };
        common.AddTo(command);
        common.SetAction(command, (parse, context) =>
        {
            string name = parse.GetValue(by)!.Trim();
            if (name.Length is 0 or > 64)
            {
                Console.Error.WriteLine("--by must name who acknowledges (1..64 characters)");
                return UnitsCommands.RefusedExitCode;
            }

            // The same rule as the console's form and the API: an acknowledgement says what was done.
            string? what = parse.GetValue(note);
            if (string.IsNullOrWhiteSpace(what) || what.Length > ConsoleAcknowledgement.MaxNote)
            {
                Console.Error.WriteLine($"--note must say what was done (1..{ConsoleAcknowledgement.MaxNote} characters)");
                return UnitsCommands.RefusedExitCode;
            }

            // --by is whatever was typed; the operating-system account is what this machine vouches for. Both go in the
            // one acknowledger string, so the alert, every list of it and the audit row name the same two.
            string acknowledger = $"{name} ({UsersCommands.CliActor})";
            string alertId = parse.GetValue(id)!;
            var (result, alert) = new AlertStore(context.Database).Acknowledge(alertId, acknowledger, what.Trim(), DateTimeOffset.UtcNow);
            switch (result)
            {
                case AcknowledgeResult.Acknowledged:
                    Console.Out.WriteLine($"acknowledged {alertId} as {acknowledger} ({alert!.Level} {alert.RuleId}: {alert.Summary})");
                    return 0;
                case AcknowledgeResult.AlreadyAcknowledged:
                    Console.Error.WriteLine($"alert {alertId} was already acknowledged by {alert!.Acknowledged!.By} at {alert.Acknowledged.AtUtc:yyyy-MM-dd HH:mm:ss}Z");
                    return UnitsCommands.RefusedExitCode;
                default:
                    Console.Error.WriteLine($"no alert {alertId} (see `alerts list`)");
                    return UnitsCommands.RefusedExitCode;
            }
        });
        return command;
    }

    private static string LateReading(TimeSpan age) => Dorset.Telehealth.Clinical.Alerts.LateReading.Age((int)Math.Max(0, age.TotalMinutes));
}
