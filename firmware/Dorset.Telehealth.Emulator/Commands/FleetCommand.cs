using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using Dorset.Telehealth.Emulator.Units;

namespace Dorset.Telehealth.Emulator.Commands;

/// <summary>
/// `fleet`: many virtual home units in one process (load tests, the demo), each with its own flash directory under
/// --state-dir and the scripted devices of `unit` (unit i of the credentials file gets seed --seed + i; every unit's
/// week ends at --week-end). Prints a progress line every few seconds and a summary at the end.
/// </summary>
public static class FleetCommand
{
    public static Command Create()
    {
        var broker = new Option<string>("--broker") { Description = "HOST:PORT of the hub's MQTT broker.", Required = true };
        var units = new Option<int>("--units") { Description = "How many units of the credentials file to run (default: all)." };
        var credentials = new Option<string>("--credentials") { Description = "File of 'unitId secret' lines.", Required = true };
        var stateDir = new Option<string>("--state-dir") { Description = "Directory for the units' flash (one folder per unit).", Required = true };
        var glucose = new Option<int>("--glucose") { Description = "Records each virtual glucose meter holds.", DefaultValueFactory = _ => 28 };
        var spo2 = new Option<int>("--spo2") { Description = "Spot-checks per oximeter.", DefaultValueFactory = _ => 7 };
        var weight = new Option<int>("--weight") { Description = "Weighings per scale.", DefaultValueFactory = _ => 7 };
        var bp = new Option<int>("--bp") { Description = "Measurements per cuff.", DefaultValueFactory = _ => 7 };
        var seed = new Option<int>("--seed") { Description = "Seed of the scripted readings.", DefaultValueFactory = _ => 1 };
        var weekEnd = WeekEndOption.Create();
        var exitWhenDrained = new Option<bool>("--exit-when-drained") { Description = "Exit 0 once every unit is drained." };
        var threads = new Option<int>("--threads") { Description = "Loop threads sharing the units.", DefaultValueFactory = _ => Math.Max(2, Environment.ProcessorCount) };
        var command = new Command("fleet", "Run many virtual home units in one process.")
        {
            broker, units, credentials, stateDir, glucose, spo2, weight, bp, seed, weekEnd, exitWhenDrained, threads,
        };
        command.SetAction(parse =>
        {
            bool weekEndValid = WeekEndOption.TryParse(parse.GetValue(weekEnd), out DateTime end);
            string? problem = UnitOptionRules.Broker(parse.GetValue(broker), out string host, out int port)
                ?? (weekEndValid ? null : WeekEndOption.Problem)
                ?? UnitOptionRules.Count("--glucose", parse.GetValue(glucose)) ?? UnitOptionRules.Count("--spo2", parse.GetValue(spo2))
                ?? UnitOptionRules.Count("--weight", parse.GetValue(weight)) ?? UnitOptionRules.Count("--bp", parse.GetValue(bp))
                ?? (parse.GetValue(units) >= 0 ? null : "--units must be 0 (all) or more")
                ?? (parse.GetValue(threads) is >= 1 and <= 256 ? null : "--threads must be 1..256");
            IReadOnlyList<(string UnitId, string Secret)> list = [];
            if (problem == null)
            {
                try
                {
                    list = FleetCredentials.Read(parse.GetValue(credentials)!);
                    problem = list.Select((u, i) => UnitOptionRules.UnitId($"--credentials entry {i + 1}: the unit id", u.UnitId)
                        ?? UnitOptionRules.Secret($"--credentials entry {i + 1} ({u.UnitId}): the secret", u.Secret)).FirstOrDefault(p => p != null);
                }
                catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
                {
                    problem = "--credentials: " + ex.Message;
                }
            }

            if (problem != null)
            {
                Console.Error.WriteLine("fleet: " + problem);
                return 2;
            }

            int count = parse.GetValue(units) > 0 ? Math.Min(parse.GetValue(units), list.Count) : list.Count;
            var fleet = new List<EmulatedUnit>();
            for (int i = 0; i < count; i++)
            {
                var (id, secret) = list[i];
                var options = new EmulatedUnitOptions(host, port, id, secret, Path.Combine(parse.GetValue(stateDir)!, id), null,
                    parse.GetValue(glucose), parse.GetValue(spo2), parse.GetValue(weight), parse.GetValue(bp), parse.GetValue(seed) + i, end);
                var unit = new EmulatedUnit(options, null);
                if (!unit.Start())
                {
                    Console.Error.WriteLine($"{id}: fault: {unit.Runtime.Fault}");
                    return 1;
                }

                fleet.Add(unit);
            }

            using var cancellation = new CancellationTokenSource();
            ConsoleCancelEventHandler onCtrlC = (_, e) => { e.Cancel = true; cancellation.Cancel(); };
            EventHandler onExit = (_, _) => cancellation.Cancel();
            Console.CancelKeyPress += onCtrlC;
            AppDomain.CurrentDomain.ProcessExit += onExit;
            Run(fleet, parse.GetValue(threads), parse.GetValue(exitWhenDrained), cancellation.Token);
            // Off before the token source is disposed: ProcessExit fires as the process ends, after this returns.
            Console.CancelKeyPress -= onCtrlC;
            AppDomain.CurrentDomain.ProcessExit -= onExit;
            Console.WriteLine(Progress(fleet, "fleet done"));
            foreach (EmulatedUnit unit in fleet)
            {
                unit.Dispose();
            }

            return 0;
        });
        return command;
    }

    private static void Run(List<EmulatedUnit> fleet, int threadCount, bool exitWhenDrained, CancellationToken cancellation)
    {
        var workers = Enumerable.Range(0, threadCount).Select(t => new Thread(() =>
        {
            while (!cancellation.IsCancellationRequested && !(exitWhenDrained && fleet.All(u => u.Drained)))
            {
                for (int i = t; i < fleet.Count; i += threadCount)
                {
                    fleet[i].RunOnce();
                }

                Thread.Sleep(20);
            }
        }) { IsBackground = true, Name = "fleet-" + t }).ToList();
        workers.ForEach(w => w.Start());
        DateTime nextReport = DateTime.UtcNow.AddSeconds(5);
        while (workers.Any(w => w.IsAlive))
        {
            Thread.Sleep(200);
            if (DateTime.UtcNow >= nextReport)
            {
                Console.WriteLine(Progress(fleet, "fleet"));
                nextReport = DateTime.UtcNow.AddSeconds(5);
            }
        }
    }

    private static string Progress(List<EmulatedUnit> fleet, string label) =>
        $"{label}: {fleet.Count} units, read {fleet.Sum(u => u.Controller.ReadingsCommitted)}, acknowledged {fleet.Sum(u => u.Controller.Publisher.Acknowledged)}, "
        + $"resent {fleet.Sum(u => u.Controller.Publisher.Resent)}, waiting {fleet.Sum(u => u.Controller.OutboxDepth)}, drained {fleet.Count(u => u.Drained)}";
}
