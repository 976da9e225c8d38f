using System;
using System.CommandLine;
using System.Globalization;
using System.Threading;
using Dorset.Telehealth.Emulator.Units;
using Dorset.Telehealth.Emulator.VirtualDevices;
using Dorset.Telehealth.HomeUnit.Devices;

namespace Dorset.Telehealth.Emulator.Commands;

/// <summary>
/// `unit`: one virtual home unit through the real HomeUnit logic. `--state-dir` is its flash, so a unit killed and
/// started again with the same arguments resumes. `--exit-when-drained` exits 0 once every reading is acknowledged and
/// prints one summary line. `--print-pairing` prints the devices to confirm at the gateway, one "slot address kind" per line.
/// </summary>
public static class UnitCommand
{
    public static Command Create()
    {
        var broker = new Option<string>("--broker") { Description = "HOST:PORT of the hub's MQTT broker (any MQTT 3.1.1 broker)." };
        var unitId = new Option<string>("--unit-id") { Description = "The unit id (MQTT username).", Required = true };
        var password = new Option<string>("--password") { Description = "The unit's secret." };
        var stateDir = new Option<string>("--state-dir") { Description = "Directory standing in for the unit's flash." };
        var tls = new Option<bool>("--tls") { Description = "Connect with TLS (needs --ca)." };
        var ca = new Option<string?>("--ca") { Description = "The hub CA (PEM) to trust for TLS." };
        var glucose = new Option<int>("--glucose") { Description = "Records the virtual glucose meter holds." };
        var spo2 = new Option<int>("--spo2") { Description = "Spot-checks the virtual oximeter will send." };
        var weight = new Option<int>("--weight") { Description = "Weighings the virtual scale will send." };
        var bp = new Option<int>("--bp") { Description = "Measurements the virtual cuff will send." };
        var seed = new Option<int>("--seed") { Description = "Seed of the scripted readings (same seed, same readings).", DefaultValueFactory = _ => 1 };
        var weekEnd = WeekEndOption.Create();
        var exitWhenDrained = new Option<bool>("--exit-when-drained") { Description = "Exit 0 once every reading is acknowledged, printing a summary." };
        var printPairing = new Option<bool>("--print-pairing") { Description = "Print 'slot address kind' for each device with readings, then exit." };
        var command = new Command("unit", "Run one virtual home unit with virtual BLE devices against a hub broker.")
        {
            broker, unitId, password, stateDir, tls, ca, glucose, spo2, weight, bp, seed, weekEnd, exitWhenDrained, printPairing,
        };
        command.SetAction(parse =>
        {
            string id = parse.GetValue(unitId)!;
            bool weekEndValid = WeekEndOption.TryParse(parse.GetValue(weekEnd), out DateTime end);
            string? problem = UnitOptionRules.UnitId("--unit-id", id)
                ?? UnitOptionRules.Count("--glucose", parse.GetValue(glucose)) ?? UnitOptionRules.Count("--spo2", parse.GetValue(spo2))
                ?? UnitOptionRules.Count("--weight", parse.GetValue(weight)) ?? UnitOptionRules.Count("--bp", parse.GetValue(bp))
                ?? (weekEndValid ? null : WeekEndOption.Problem);
            if (problem == null && parse.GetValue(printPairing))
            {
                var home = new VirtualHome(id, System.IO.Path.Combine(System.IO.Path.GetTempPath(), Guid.NewGuid().ToString("N")), parse.GetValue(glucose), parse.GetValue(spo2), parse.GetValue(weight), parse.GetValue(bp), parse.GetValue(seed));
                foreach (PairedDevice device in home.Devices())
                {
                    Console.WriteLine($"{device.Slot} {device.Address} {DeviceKinds.Name(device.Kind)}");
                }

                return 0;
            }

            string host = string.Empty;
            int port = 0;
            string? caFile = parse.GetValue(tls) ? parse.GetValue(ca) : null;
            problem ??= UnitOptionRules.Broker(parse.GetValue(broker), out host, out port)
                ?? UnitOptionRules.Secret("--password", parse.GetValue(password))
                ?? (parse.GetValue(stateDir) is { Length: > 0 } ? null : "--state-dir is required (the directory standing in for the unit's flash)")
                ?? (parse.GetValue(tls) && caFile == null ? "--tls needs --ca FILE (the hub CA to trust)" : null)
                ?? UnitOptionRules.CaFile(caFile);
            if (problem != null)
            {
                Console.Error.WriteLine("unit: " + problem);
                return 2;
            }

            var options = new EmulatedUnitOptions(host, port, id, parse.GetValue(password)!, parse.GetValue(stateDir)!, caFile,
                parse.GetValue(glucose), parse.GetValue(spo2), parse.GetValue(weight), parse.GetValue(bp), parse.GetValue(seed), end);
            using var unit = new EmulatedUnit(options, Console.Error);
            if (!unit.Start())
            {
                Console.Error.WriteLine($"{id}: fault: {unit.Runtime.Fault}");
                return 1;
            }

            using var cancellation = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };
            unit.Run(parse.GetValue(exitWhenDrained), cancellation.Token);
            Console.WriteLine(unit.Summary());
            return 0;
        });
        return command;
    }

    internal static bool TryParseBroker(string? text, out string host, out int port)
    {
        host = string.Empty;
        port = 0;
        int colon = text?.LastIndexOf(':') ?? -1;
        if (colon <= 0)
        {
            return false;
        }

        host = text![..colon];
        return int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and < 65536;
    }
}
