using System;
using System.CommandLine;
using System.IO;
using Dorset.Telehealth.Gateway.Patients;
using Dorset.Telehealth.Gateway.Provisioning;
using Dorset.Telehealth.Gateway.Storage;
using Spectre.Console;

namespace Dorset.Telehealth.Gateway.Cli;

/// <summary>`units add|list|revoke`.</summary>
public static class UnitsCommands
{
    /// <summary>Exit code for a refused request (bad id, duplicate, unknown unit).</summary>
    public const int RefusedExitCode = 2;

    /// <summary>
    /// Prints why a unit request was refused, on one line of stderr like every other verb's refusal, so that stdout
    /// holds only results (a provisioning script reads its secret there); returns <see cref="RefusedExitCode"/>.
    /// </summary>
    public static int Refuse(string reason)
    {
        Console.Error.WriteLine($"refused: {reason}");
        return RefusedExitCode;
    }

    /// <summary>Builds the `units` verb.</summary>
    public static Command Create()
    {
        var units = new Command("units", "Provision, list and revoke home units.");
        units.Subcommands.Add(CreateAdd());
        units.Subcommands.Add(CreateList());
        units.Subcommands.Add(CreateRevoke());
        units.Subcommands.Add(CreatePair());
        return units;
    }

    private static Command CreateAdd()
    {
        var common = new CommonOptions(setsUpHub: true);
        var patient = new PatientOptions();
        var id = new Option<string>("--id") { Description = "The unit id (1-64 of A-Z a-z 0-9 - _); it is also the MQTT user name.", Required = true };
        var output = UnitRegistration.OutOption();
        var host = UnitRegistration.HostOption();
        var command = new Command("add", "Register a unit: prints its secret ONCE and writes a provisioning bundle (unit config + hub CA).") { id, output, host };
        common.AddTo(command);
        patient.AddTo(command);
        common.SetAction(command, (parse, context) =>
            UnitRegistration.Register(context, patient.Request(parse, parse.GetValue(id)!), parse.GetValue(output), parse.GetValue(host)) == null ? RefusedExitCode : 0);
        return command;
    }

    private static Command CreateList()
    {
        var common = new CommonOptions();
        var command = new Command("list", "Every unit with its state and last status.");
        common.AddTo(command);
        common.SetAction(command, (parse, context) =>
        {
            AnsiConsole.Write(UnitTable(context.Units.List()));
            return 0;
        });
        return command;
    }

    private static Command CreateRevoke()
    {
        var common = new CommonOptions();
        var id = new Argument<string>("id") { Description = "The unit to revoke: the broker refuses it from now on and closes its session." };
        var command = new Command("revoke", "Revoke a unit's credentials.") { id };
        common.AddTo(command);
        common.SetAction(command, (parse, context) =>
        {
            string unitId = parse.GetValue(id)!;
            if (!context.Provisioning.Revoke(unitId, UsersCommands.CliActor))
            {
                return Refuse($"no active unit '{unitId}'");
            }

            AnsiConsole.MarkupLine($"revoked [bold]{Markup.Escape(unitId)}[/]: a running gateway closes its session within seconds");
            return 0;
        });
        return command;
    }

    private static Command CreatePair()
    {
        var common = new CommonOptions();
        var id = new Argument<string>("id") { Description = "The unit." };
        var slot = new Option<int>("--slot") { Description = $"The slot the unit's frames name (0..{UnitPairing.MaxSlot}).", Required = true };
        var address = new Option<string?>("--address") { Description = "The device's Bluetooth address, e.g. C0:26:DA:01:02:03 (omit with --remove)." };
        var kind = new Option<string?>("--kind") { Description = "glucose-meter, pulse-oximeter, weight-scale or blood-pressure-monitor." };
        var bond = new Option<bool>("--needs-bond") { Description = "The device must be bonded (paired) before use." };
        var scaleUser = new Option<int?>("--scale-user")
        {
            Description = "A weight scale shared in the home: the patient's user number on it (0..254). Other users' weights are then never the patient's.",
        };
        var remove = new Option<bool>("--remove") { Description = "Remove the device in this slot instead." };
        var command = new Command("pair", "Confirm a paired device in a unit slot (published in the unit's retained config).") { id, slot, address, kind, bond, scaleUser, remove };
        common.AddTo(command);
        common.SetAction(command, (parse, context) =>
        {
            string unitId = parse.GetValue(id)!;
            int slotNumber = parse.GetValue(slot);
            DateTimeOffset now = TimeProvider.System.GetUtcNow();
            ConfigChange change;
            if (parse.GetValue(remove))
            {
                change = UnitPairing.Unpair(context.Units, unitId, slotNumber, UsersCommands.CliActor, now);
            }
            else
            {
                var device = new PairedDevice(slotNumber, parse.GetValue(address)?.ToUpperInvariant() ?? "", parse.GetValue(kind) ?? "", parse.GetValue(bond), parse.GetValue(scaleUser));
                // The same slot may be paired again: that is how a device is replaced or its bond setting changed.
                change = UnitPairing.Pair(context.Units, unitId, device, replaceSlot: true, UsersCommands.CliActor, now);
            }

            if (change.Refusal != null)
            {
                return Refuse(change.Refusal);
            }

            AnsiConsole.WriteLine($"config of {unitId}: {change.Config}");
            return 0;
        });
        return command;
    }

    /// <summary>The units table shared by `units list` and `status`.</summary>
    public static Table UnitTable(System.Collections.Generic.IReadOnlyList<UnitRecord> units)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("units");
        foreach (string column in new[] { "unit", "patient", "state", "last seen (UTC)", "firmware", "battery", "RSSI", "outbox", "dropped", "clock", "attention" })
        {
            table.AddColumn(column);
        }

        foreach (UnitRecord u in units)
        {
            string state = u.IsRevoked ? "[grey]revoked[/]" : u.Online ? "[green]online[/]" : "[yellow]offline[/]";
            table.AddRow(
                Markup.Escape(u.UnitId),
                Markup.Escape(u.PatientRef ?? "-"),
                state,
                u.LastSeenUtc?.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "never",
                Markup.Escape(u.Firmware ?? "-"),
                u.BatteryPercent.HasValue ? u.BatteryPercent + " %" : "-",
                u.RssiDbm.HasValue ? u.RssiDbm + " dBm" : "-",
                u.OutboxDepth?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                u.DroppedCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                u.ClockSynced.HasValue ? (u.ClockSynced.Value ? "synced" : "[yellow]not synced[/]") : "-",
                u.Attention == null ? "-" : $"[red]{Markup.Escape(u.Attention)}[/]");
        }

        return table;
    }
}
