using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Dorset.Telehealth.Chaos.Oracle;
using Dorset.Telehealth.Demo.Processes;
using Dorset.Telehealth.Demo.Provisioning;
using Dorset.Telehealth.Emulator.Units;
using Dorset.Telehealth.Emulator.VirtualDevices;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Chaos;

/// <summary>
/// The chaos run of issue 14 §1. Real processes on loopback: the cloud (on PostgreSQL, or SQLite), one gateway whose
/// data directory is a small tmpfs, and the units in fleet processes, each device's readings spread over most of the
/// run. The gateway reaches the cloud through two <see cref="TcpFaultProxy"/>s in series (link faults on one, the
/// cloud unreachable on the other) and the units reach the gateway through a third. Two lanes inject faults at
/// seeded moments until the time is up: one kills and restarts processes (a fleet, the gateway, the cloud, a fleet with
/// its clock unset or wrong), crashes and restarts PostgreSQL and fills the gateway's disk; the other faults the links
/// (drop, stall, reset, slow, half-close in turn) and makes the cloud unreachable for a while (minutes in long runs).
/// Then every fault is cleared, the fleets drain, and the oracle compares what the devices produced with what the cloud
/// serves. Every loop is bounded by the run's length or a deadline.
/// </summary>
public static class ChaosRun
{
    private const int Glucose = 20, SpO2 = 4, Weight = 4, BloodPressure = 4;
    private static readonly TcpFault[] LinkFaults = [TcpFault.Drop, TcpFault.Stall, TcpFault.Reset, TcpFault.Slow, TcpFault.HalfClose];

    public static async Task<ChaosReport> RunAsync(ChaosOptions options, TextWriter log, CancellationToken cancel)
    {
        bool postgres = options.Store == "postgres";
        if (postgres && !PostgresServer.Installed)
        {
            throw new ChaosUnavailableException($"{PostgresServer.BinDirectory}/initdb not found: the run on PostgreSQL needs postgresql-15 (or pass --store sqlite)");
        }

        var clock = Stopwatch.StartNew();
        var faults = new FaultCounts();
        string directory = Path.Combine(Path.GetTempPath(), "dorset-chaos-" + Guid.NewGuid().ToString("N")[..8]);
        var layout = new PipelineLayout(directory, FreePort.Next(), FreePort.Next(), FreePort.Next());
        await using PostgresServer? database = postgres ? await PostgresServer.StartAsync(fsync: false) : null;
        if (database != null)
        {
            layout = layout with { CloudPostgres = await database.CreateDatabaseAsync("chaos") };
        }
        else
        {
            faults.Skip("postgres restart", "the cloud is on SQLite");
        }

        string? diskProblem = GatewayDisk.Unavailable();
        GatewayDisk? disk = diskProblem == null ? new GatewayDisk(layout.GatewayData) : null;
        if (disk != null)
        {
            await disk.MountAsync();
        }
        else
        {
            faults.Skip("disk full", diskProblem!);
        }

        ChaosReport? report = null;
        try
        {
            report = await RunMountedAsync(options, layout, database, disk, faults, clock, log, cancel);
            return report;
        }
        finally
        {
            if (report?.Passed != true)
            {
                // Kept for whoever looks into it: the logs of every part, and the gateway's database copied off its tmpfs.
                CopyDirectory(layout.GatewayData, Path.Combine(directory, "gateway-data-kept"));
                log.WriteLine($"chaos: the run's data and logs are kept in {directory}");
            }

            if (disk != null)
            {
                await disk.UnmountAsync();
            }

            if (report?.Passed == true)
            {
                TryDelete(directory);
            }
        }
    }

    private static async Task<ChaosReport> RunMountedAsync(ChaosOptions options, PipelineLayout layout, PostgresServer? database, GatewayDisk? disk,
        FaultCounts faults, Stopwatch clock, TextWriter log, CancellationToken cancel)
    {
        PipelineSecrets secrets = await PipelineProvisioner.ProvisionAsync(layout, options.Units, cancel);
        // The cloud, gateway and emulator of the same build as this assembly (the harness's or the test's output folder).
        BuildOutputs build = BuildOutputs.BesideDemo();
        await using var outage = TcpFaultProxy.Start(layout.CloudPort);
        await using var cloudLink = TcpFaultProxy.Start(outage.Port);
        await using var unitLink = TcpFaultProxy.Start(layout.MqttPort);
        var gatewaySettings = new Dictionary<string, string>();
        if (disk != null)
        {
            gatewaySettings["GatewayOptions__MinimumFreeDiskBytes"] = GatewayDisk.GuardBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await using var cloud = new Pipeline(layout, build, secrets);
        await using var hub = new Pipeline(layout with { CloudPort = cloudLink.Port }, build, secrets, gatewaySettings);
        await cloud.StartCloudAsync(cancel);
        await hub.StartGatewayAsync(cancel);
        var credentials = FleetCredentials.Read(layout.Credentials);
        TimeSpan releaseOver = options.Duration * 0.8;
        var fleets = Enumerable.Range(0, (options.Units + ChaosOptions.UnitsPerFleet - 1) / ChaosOptions.UnitsPerFleet)
            .Select(k => new FleetSlice(k, k * ChaosOptions.UnitsPerFleet, credentials.Skip(k * ChaosOptions.UnitsPerFleet).Take(ChaosOptions.UnitsPerFleet).ToList(),
                layout, build, unitLink.Port))
            .ToList();
        fleets.ForEach(f => f.Start("synced", Glucose, SpO2, Weight, BloodPressure, releaseOver));
        var untrustedClock = new HashSet<string>();
        var crashes = new List<string>();
        log.WriteLine($"chaos: {options.Units} units in {fleets.Count} fleet processes, store {options.Store}, seed {options.Seed}, faults for {options.Minutes:0.##} min (data {layout.DataDirectory})");

        DateTime end = DateTime.UtcNow + options.Duration;
        var parts = new Parts(cloud, hub, fleets, database, disk, releaseOver, untrustedClock, crashes);
        try
        {
            await Task.WhenAll(
                ProcessLaneAsync(new Random(options.Seed), parts, faults, end, clock, log, cancel),
                LinkLaneAsync(new Random(options.Seed + 1), options, cloudLink, unitLink, outage, faults, end, clock, log, cancel));

            cloudLink.Clear();
            unitLink.Clear();
            outage.Clear();
            NoteCrashes(parts);
            log.WriteLine($"chaos: faults over after {clock.Elapsed.TotalSeconds:F0} s; draining");
            var readFailures = new List<string>();
            DeliveryOracle oracle = await DrainAsync(options, cloud, fleets, untrustedClock, readFailures, cancel);
            NoteCrashes(parts);
            return new ChaosReport(options, clock.Elapsed, faults, oracle, crashes, readFailures);
        }
        finally
        {
            // The pipelines stop the cloud and gateway; the fleets are the run's own.
            fleets.ForEach(f => f.Process?.Dispose());
        }
    }

    /// <summary>What the process lane acts on.</summary>
    private sealed record Parts(Pipeline Cloud, Pipeline Hub, List<FleetSlice> Fleets, PostgresServer? Database, GatewayDisk? Disk, TimeSpan ReleaseOver,
        HashSet<string> UntrustedClock, List<string> Crashes);

    private static async Task ProcessLaneAsync(Random random, Parts parts, FaultCounts faults, DateTime end, Stopwatch clock, TextWriter log, CancellationToken cancel)
    {
        string[] kinds = ["kill fleet", "kill gateway", "kill cloud", "postgres restart", "disk full", "clock unset", "clock wrong"];
        while (DateTime.UtcNow < end)
        {
            foreach (string kind in kinds.OrderBy(_ => random.Next()))
            {
                if (DateTime.UtcNow >= end)
                {
                    return;
                }

                await Task.Delay(random.Next(200, 1500), cancel);
                NoteCrashes(parts);
                string? done = await InjectProcessFaultAsync(kind, random, parts, cancel);
                if (done != null)
                {
                    faults.Add(done);
                    log.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {done}");
                }
            }
        }
    }

    private static async Task<string?> InjectProcessFaultAsync(string kind, Random random, Parts parts, CancellationToken cancel)
    {
        switch (kind)
        {
            case "kill fleet":
                FleetSlice victim = parts.Fleets[random.Next(parts.Fleets.Count)];
                await RetireAsync(victim.Process);
                victim.Start("synced", Glucose, SpO2, Weight, BloodPressure, parts.ReleaseOver);
                return kind;
            case "clock unset" or "clock wrong":
                FleetSlice restarted = parts.Fleets[random.Next(parts.Fleets.Count)];
                await RetireAsync(restarted.Process);
                string mode = kind == "clock unset" ? "unset" : "wrong";
                if (mode == "unset")
                {
                    parts.UntrustedClock.UnionWith(restarted.UnitIds);
                }

                restarted.Start(mode, Glucose, SpO2, Weight, BloodPressure, parts.ReleaseOver);
                return kind;
            case "kill gateway":
                await RetireAsync(parts.Hub.Gateway);
                await parts.Hub.StartGatewayAsync(cancel);
                return kind;
            case "kill cloud":
                await RetireAsync(parts.Cloud.Cloud);
                await Task.Delay(random.Next(0, 1000), cancel);
                await parts.Cloud.StartCloudAsync(cancel);
                return kind;
            case "postgres restart" when parts.Database != null:
                await parts.Database.CrashAsync();
                await Task.Delay(random.Next(500, 3000), cancel);
                await parts.Database.RestartAsync();
                return kind;
            case "disk full" when parts.Disk != null:
                string url = parts.Hub.Layout.GatewayUrl;
                bool tripped = await parts.Disk.FillUntilTrippedAsync(url, TimeSpan.FromSeconds(15), cancel);
                await Task.Delay(random.Next(500, 3000), cancel);
                bool cleared = await parts.Disk.FreeAsync(url, TimeSpan.FromSeconds(30), cancel);
                return tripped && cleared ? kind : $"failed disk fill ({(tripped ? "the guard did not clear" : "the guard did not trip")})";
            default:
                return null;
        }
    }

    private static async Task LinkLaneAsync(Random random, ChaosOptions options, TcpFaultProxy cloudLink, TcpFaultProxy unitLink, TcpFaultProxy outage,
        FaultCounts faults, DateTime end, Stopwatch clock, TextWriter log, CancellationToken cancel)
    {
        // Unreachable for about four seconds per minute of run (half to one and a half times that each time): seconds in
        // CI, one to three minutes in a 30-minute run.
        double outageSeconds = Math.Clamp(options.Minutes * 4, 3, 300);
        for (int round = 0; DateTime.UtcNow < end; round++)
        {
            TcpFault fault = LinkFaults[round % LinkFaults.Length];
            foreach (string kind in new[] { "cloud link", "unit link", "cloud unreachable" }.OrderBy(_ => random.Next()))
            {
                if (DateTime.UtcNow >= end)
                {
                    return;
                }

                await Task.Delay(random.Next(200, 1500), cancel);
                TcpFaultProxy proxy = kind switch { "cloud link" => cloudLink, "unit link" => unitLink, _ => outage };
                proxy.Inject(kind == "cloud unreachable" ? TcpFault.Reset : fault);
                TimeSpan lasting = kind == "cloud unreachable" ? TimeSpan.FromSeconds(outageSeconds * (0.5 + random.NextDouble())) : TimeSpan.FromMilliseconds(random.Next(300, 2000));
                await Task.Delay(lasting, cancel);
                proxy.Clear();
                string name = kind == "cloud unreachable" ? kind : $"{kind} {fault.ToString().ToLowerInvariant()}";
                faults.Add(name);
                log.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {name} ({lasting.TotalSeconds:F1} s)");
            }
        }
    }

    /// <summary>Waits until every fleet has drained and the cloud holds every reading (or the deadline), then compares once more.</summary>
    private static async Task<DeliveryOracle> DrainAsync(ChaosOptions options, Pipeline cloud, List<FleetSlice> fleets, HashSet<string> untrustedClock,
        List<string> readFailures, CancellationToken cancel)
    {
        List<ExpectedReading> expected = ScriptedReadings.For(options.Units, Glucose, SpO2, Weight, BloodPressure, ReadingScript.DefaultWeekEnd);
        DeliveryOracle oracle = DeliveryOracle.Compare(expected, []);
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120) + (options.Duration * 0.2);
        while (DateTime.UtcNow < deadline)
        {
            if (await TryReadAsync(options, cloud, readFailures, cancel) is { } observations)
            {
                oracle = DeliveryOracle.Compare(expected, observations, untrustedClock);
                if (oracle.Missing == 0 && fleets.All(f => f.Process!.HasExited))
                {
                    break;
                }
            }

            await Task.Delay(2000, cancel);
        }

        // Anything still in flight would show up now as a duplicate.
        await Task.Delay(2000, cancel);
        for (int attempt = 0; attempt < 10; attempt++)
        {
            if (await TryReadAsync(options, cloud, readFailures, cancel) is { } observations)
            {
                return DeliveryOracle.Compare(expected, observations, untrustedClock);
            }

            await Task.Delay(1000, cancel);
        }

        throw new InvalidOperationException("the cloud's FHIR API did not answer after the run: " + string.Join("; ", readFailures.TakeLast(3)));
    }

    /// <summary>Every Observation the cloud serves, or null (noting why) when it does not answer this time.</summary>
    private static async Task<List<CloudObservation>?> TryReadAsync(ChaosOptions options, Pipeline cloud, List<string> readFailures, CancellationToken cancel)
    {
        try
        {
            return await FhirReader.ReadAsync(cloud.Layout.CloudUrl, cloud.ReaderSecret, SyntheticPatients.NhsNumbers(options.Units), cancel);
        }
        catch (Exception e) when (e is System.Net.Http.HttpRequestException || (e is TaskCanceledException && !cancel.IsCancellationRequested))
        {
            readFailures.Add(e.Message);
            return null;
        }
    }

    /// <summary>
    /// SIGKILLs a part, as a power cut would, and lets its output reach the log it shares with the next one (at most
    /// 10 s) before freeing it, so a long run does not pile up dead processes' handles.
    /// </summary>
    private static async Task RetireAsync(ServiceProcess? process)
    {
        if (process == null)
        {
            return;
        }

        process.KillNow();
        Task drained = Task.Run(process.WaitForExit);
        if (await Task.WhenAny(drained, Task.Delay(TimeSpan.FromSeconds(10))) == drained)
        {
            process.Dispose();
        }
    }

    /// <summary>Notes a part that exited without being killed (a fleet that drained exits 0, which is its job).</summary>
    private static void NoteCrashes(Parts parts)
    {
        void Check(string name, ServiceProcess? process)
        {
            if (process is { HasExited: true } && !parts.Crashes.Any(c => c.StartsWith(name + " " + process.Id, StringComparison.Ordinal))
                && !(name.StartsWith("fleet", StringComparison.Ordinal) && process.ExitCode == 0))
            {
                parts.Crashes.Add($"{name} {process.Id} exit {process.ExitCode}: {process.LastError}");
            }
        }

        Check("cloud", parts.Cloud.Cloud);
        Check("gateway", parts.Hub.Gateway);
        foreach (FleetSlice fleet in parts.Fleets)
        {
            Check("fleet", fleet.Process);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        if (!Directory.Exists(from))
        {
            return;
        }

        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from).Where(f => !f.EndsWith("chaos-ballast", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
