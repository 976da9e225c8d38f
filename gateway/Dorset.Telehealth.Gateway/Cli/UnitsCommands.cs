using System;
using System.Linq;
using System.CommandLine;
using System.IO;
using System.Text.Json;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Storage;
using Spectre.Console;

namespace Dorset.Telehealth.Gateway.Cli;

/// <summary>`units add|list|revoke`.</summary>
public static class UnitsCommands
{
    /// <summary>Exit code for a refused request (bad id, duplicate, unknown unit).</summary>
    public const int RefusedExitCode = 2;

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
        var common = new CommonOptions();
        var id = new Option<string>("--id") { Description = "The unit id (1-64 of A-Z a-z 0-9 - _); it is also the MQTT user name.", Required = true };
        var patient = new Option<string?>("--patient-ref") { Description = "The patient reference this unit belongs to (e.g. the hub's case number)." };
        var output = new Option<string?>("--out") { Description = "Where to write the provisioning bundle (default: DATA_DIR/provisioning/ID)." };
        var command = new Command("add", "Register a unit: prints its secret ONCE and writes a provisioning bundle (unit config + hub CA).") { id, patient, output };
        common.AddTo(command);
        command.SetAction(parse => Register(common.Resolve(parse), parse.GetValue(id)!, parse.GetValue(patient), parse.GetValue(output)) == null ? RefusedExitCode : 0);
        return command;
    }

    /// <summary>
    /// Registers a unit and writes its provisioning bundle, printing the secret once (`units add`, `provision`).
    /// Returns the bundle's folder, or null when the unit was refused (the reason is printed).
    /// </summary>
    public static string? Register(CliContext context, string unitId, string? patientRef, string? bundleDirectory)
    {
        string secret;
        try
        {
            secret = context.Units.Add(unitId, patientRef);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            AnsiConsole.MarkupLine($"[red]refused:[/] {Markup.Escape(e.Message)}");
            return null;
        }

        string bundle = Path.GetFullPath(bundleDirectory ?? Path.Combine(context.Gateway.DataDirFullPath, "provisioning", unitId));
        string configPath = ProvisioningBundle.Write(bundle, unitId, secret, context.Gateway, context.Broker);

        var table = new Table().Border(TableBorder.Rounded).AddColumn("unit").AddColumn("patient").AddColumn("bundle");
        table.AddRow(Markup.Escape(unitId), Markup.Escape(patientRef ?? "-"), Markup.Escape(bundle));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("[yellow]The secret is shown once and stored only as a hash. It is also in the bundle's unit config: flash it, then delete the bundle.[/]");
        // A line of its own, unstyled, so a provisioning script can take it.
        AnsiConsole.WriteLine($"secret: {secret}");
        AnsiConsole.WriteLine($"config: {configPath}");
        return bundle;
    }

    private static Command CreateList()
    {
        var common = new CommonOptions();
        var command = new Command("list", "Every unit with its state and last status.");
        common.AddTo(command);
        command.SetAction(parse =>
        {
            CliContext context = common.Resolve(parse);
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
        command.SetAction(parse =>
        {
            CliContext context = common.Resolve(parse);
            string unitId = parse.GetValue(id)!;
            if (!context.Units.Revoke(unitId))
            {
                AnsiConsole.MarkupLine($"[red]refused:[/] no active unit '{Markup.Escape(unitId)}'");
                return RefusedExitCode;
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
        var slot = new Option<int>("--slot") { Description = "The slot the unit's frames name (0..255).", Required = true };
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
        command.SetAction(parse =>
        {
            CliContext context = common.Resolve(parse);
            string unitId = parse.GetValue(id)!;
            UnitRecord? unit = context.Units.Find(unitId);
            int slotNumber = parse.GetValue(slot);
            if (unit == null || unit.IsRevoked || slotNumber is < 0 or > 255)
            {
                AnsiConsole.MarkupLine($"[red]refused:[/] no active unit '{Markup.Escape(unitId)}' or slot outside 0..255");
                return RefusedExitCode;
            }

            string config;
            if (parse.GetValue(remove))
            {
                config = UnitConfig.WithoutSlot(unit.ConfigJson, slotNumber);
            }
            else
            {
                string? addr = parse.GetValue(address)?.ToUpperInvariant();
                string? k = parse.GetValue(kind);
                if (!UnitConfig.IsValidAddress(addr) || k == null || !UnitConfig.Kinds.Contains(k))
                {
                    AnsiConsole.MarkupLine($"[red]refused:[/] --address must be six hex octets with colons and --kind one of {string.Join(", ", UnitConfig.Kinds)}");
                    return RefusedExitCode;
                }

                int? user = parse.GetValue(scaleUser);
                if (user.HasValue && (k != "weight-scale" || user.Value is < 0 or > PairedDevice.MaxScaleUser))
                {
                    AnsiConsole.MarkupLine($"[red]refused:[/] --scale-user is for a weight-scale only, and must be 0..{PairedDevice.MaxScaleUser} (255 means an unknown user)");
                    return RefusedExitCode;
                }

                config = UnitConfig.WithDevice(unit.ConfigJson, new PairedDevice(slotNumber, addr!, k, parse.GetValue(bond), user));
            }

            context.Units.SetConfig(unitId, config);
            AnsiConsole.WriteLine($"config of {unitId}: {config}");
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

/// <summary>
/// What a unit is flashed with: unit-config.json (id, MQTT host/port, credentials, topics, CA file name) and the hub CA.
/// The file holds the secret, so it is written 0600.
/// </summary>
public static class ProvisioningBundle
{
    /// <summary>The unit config file name.</summary>
    public const string ConfigFile = "unit-config.json";

    /// <summary>Writes the bundle; returns the config file's path. Creates the hub CA if the service never ran.</summary>
    public static string Write(string directory, string unitId, string secret, GatewayOptions gateway, BrokerOptions broker)
    {
        Directory.CreateDirectory(directory);
        var hostNames = broker.EffectiveHostNames();
        using (HubCertificate.LoadOrCreate(gateway.DataDirFullPath, hostNames, broker.CertificatePath, broker.CertificatePassword))
        {
            // Loaded only to make sure the CA exists before it is copied.
        }

        string caSource = HubCertificate.CaPath(gateway.DataDirFullPath);
        if (File.Exists(caSource))
        {
            File.Copy(caSource, Path.Combine(directory, HubCertificate.CaCertificateFile), overwrite: true);
        }

        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("unitId", unitId);
            json.WriteStartObject("mqtt");
            json.WriteString("host", hostNames[0]);
            json.WriteNumber("port", broker.TlsPort);
            json.WriteBoolean("tls", true);
            json.WriteString("caFile", HubCertificate.CaCertificateFile);
            json.WriteString("clientId", unitId);
            json.WriteString("username", unitId);
            json.WriteString("password", secret);
            json.WriteString("readingsTopic", MqttTopics.Readings(unitId));
            json.WriteString("statusTopic", MqttTopics.Status(unitId));
            json.WriteString("configTopic", MqttTopics.Config(unitId));
            json.WriteEndObject();
            json.WriteString("sntpServer", hostNames[0]);
            json.WriteEndObject();
        }

        FileDeploymentList.Write(directory);
        string path = Path.Combine(directory, ConfigFile);
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            stream.Write(buffer.ToArray());
        }

        return path;
    }
}
