using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using Dorset.Telehealth.Emulator.Host;
using Dorset.Telehealth.Emulator.Units;

namespace Dorset.Telehealth.Emulator.Commands;

/// <summary>
/// `fleet`: many virtual home units in one process (load tests, the demo), each with its own flash directory under
/// --state-dir and the scripted devices of `unit` (unit i of the credentials file gets seed --seed + i; every unit's
/// week ends at --week-end). `--release-seconds N` spreads each device's readings over N seconds from the unit's first
/// start, for long runs; `--unit-clock unset|wrong` gives every unit a clock never set, or one wrong while claiming to be
/// set. Prints a progress line every few seconds and a summary at the end.
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
        var releaseSeconds = new Option<int>("--release-seconds")
        {
            Description = "Spread each device's readings evenly over this many seconds from the unit's first start (kept in its state dir); 0: all at once.",
        };
        var unitClock = new Option<string>("--unit-clock")
        {
            Description = "The units' clock: synced (default), unset (never set: counts from 2000-01-01, not synchronised) or wrong (claims synchronised, 2 days ahead).",
            DefaultValueFactory = _ => "synced",
        };
        var threads = new Option<int>("--threads") { Description = "Loop threads sharing the units.", DefaultValueFactory = _ => Math.Max(2, Environment.ProcessorCount) };
        var command = new Command("fleet", "Run many virtual home units in one process.")
        {
            broker, units, credentials, stateDir, glucose, spo2, weight, bp, seed, weekEnd, releaseSeconds, unitClock, exitWhenDrained, threads,
        };
        command.SetAction(parse =>
        {
            UnitClockMode clock = UnitClockMode.Synchronised;
            bool weekEndValid = WeekEndOption.TryParse(parse.GetValue(weekEnd), out DateTime end);
            string? problem = UnitOptionRules.Broker(parse.GetValue(broker), out string host, out int port)
                ?? (weekEndValid ? null : WeekEndOption.Problem)
                ?? UnitOptionRules.Count("--glucose", parse.GetValue(glucose)) ?? UnitOptionRules.Count("--spo2", parse.GetValue(spo2))
                ?? UnitOptionRules.Count("--weight", parse.GetValue(weight)) ?? UnitOptionRules.Count("--bp", parse.GetValue(bp))
                ?? (parse.GetValue(units) >= 0 ? null : "--units must be 0 (all) or more")
                ?? (parse.GetValue(threads) is >= 1 and <= 256 ? null : "--threads must be 1..256")
                ?? (parse.GetValue(releaseSeconds) is >= 0 and <= MaxReleaseSeconds ? null : $"--release-seconds must be 0..{MaxReleaseSeconds}")
                ?? (TryParseClock(parse.GetValue(unitClock), out clock) ? null : "--unit-clock must be synced, unset or wrong");
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
                    parse.GetValue(glucose), parse.GetValue(spo2), parse.GetValue(weight), parse.GetValue(bp), parse.GetValue(seed) + i, end,
                    TimeSpan.FromSeconds(parse.GetValue(releaseSeconds)), clock);
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

    /// <summary>The longest `--release-seconds`: a week.</summary>
    public const int MaxReleaseSeconds = 7 * 24 * 3600;

    private static bool TryParseClock(string? text, out UnitClockMode clock)
    {
        (bool known, clock) = text switch
        {
            "synced" => (true, UnitClockMode.Synchronised),
            "unset" => (true, UnitClockMode.Unset),
            "wrong" => (true, UnitClockMode.Wrong),
            _ => (false, UnitClockMode.Synchronised),
        };
        return known;
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
