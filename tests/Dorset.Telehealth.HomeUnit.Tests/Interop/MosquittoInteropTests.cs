using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.Emulator.VirtualDevices;
using Dorset.Telehealth.Protocol.Uplink;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.HomeUnit.Tests.Interop;

/// <summary>
/// The emulated unit (the real HomeUnit logic, as a process) against Debian's mosquitto: every reading arrives, the
/// unit survives SIGKILL at random moments without losing one, and the broker's ACL confines it to its own topics.
/// </summary>
public sealed class MosquittoInteropTests(ITestOutputHelper output)
{
    private const string Unit = "unit-0001";
    private const string Secret = "unit-0001-secret-0123";

    private static string Emulator => Path.Combine(AppContext.BaseDirectory, "emulator.dll");

    private static async Task<MosquittoBroker> StartBrokerWithConfigAsync(int glucose, int spo2, int weight, int bp)
    {
        var broker = await MosquittoBroker.StartAsync(new Dictionary<string, string> { [Unit] = Secret, ["unit-0002"] = "unit-0002-secret-0123" });
        var home = new VirtualHome(Unit, Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")), glucose, spo2, weight, bp, seed: 7);
        await broker.PublishAsync($"dorset/v1/{Unit}/config", home.ConfigJson(), retain: true);
        return broker;
    }

    private static ChildProcess StartUnit(MosquittoBroker broker, string stateDir, int glucose, int spo2, int weight, int bp, bool exitWhenDrained) =>
        ChildProcess.StartDotnet(Emulator,
        [
            "unit", "--broker", $"127.0.0.1:{broker.Port}", "--unit-id", Unit, "--password", Secret, "--state-dir", stateDir,
            "--glucose", glucose.ToString(), "--spo2", spo2.ToString(), "--weight", weight.ToString(), "--bp", bp.ToString(), "--seed", "7",
            .. exitWhenDrained ? new[] { "--exit-when-drained" } : [],
        ]);

    /// <summary>Every reading in the frames mosquitto_sub printed, with its outbox sequence.</summary>
    private static List<(uint OutboxSequence, UplinkReading Reading)> Readings(ChildProcess subscriber)
    {
        var result = new List<(uint, UplinkReading)>();
        foreach (string line in subscriber.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string hex = line.Split(' ')[1].Trim();
            byte[] bytes = Convert.FromHexString(hex);
            Assert.True(UplinkFrameDecoder.TryDecode(bytes, 0, bytes.Length, out UplinkFrame frame, out var failure), failure?.Message);
            for (int i = 0; i < frame.Readings.Length; i++)
            {
                result.Add((frame.FirstSequence + (uint)i, frame.Readings[i]));
            }
        }

        return result;
    }

    [Fact]
    public async Task Unit_DrainsEveryReading_ThroughMosquitto_ExactlyOnce()
    {
        using var broker = await StartBrokerWithConfigAsync(12, 4, 5, 3);
        using var subscriber = await broker.SubscribeAsync("dorset/v1/+/readings");
        string state = Path.Combine(broker.Directory, "flash");

        using var unit = StartUnit(broker, state, 12, 4, 5, 3, exitWhenDrained: true);
        Assert.Equal(0, await unit.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        await Eventually.TrueAsync(() => Readings(subscriber).Count >= 24, TimeSpan.FromSeconds(20));

        var readings = Readings(subscriber);
        Assert.Equal(24, readings.Count);
        Assert.Equal(readings.Count, readings.Select(r => r.OutboxSequence).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 12), readings.Where(r => r.Reading.Kind == ReadingKind.Glucose).Select(r => r.Reading.DeviceSequence).Order());
        Assert.Equal([4, 5, 3], new[] { ReadingKind.PulseOximetry, ReadingKind.Weight, ReadingKind.BloodPressure }.Select(k => readings.Count(r => r.Reading.Kind == k)));
        Assert.Contains("read 24, acknowledged 24", unit.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unit_KilledMidRun_LosesNothing_AndResendsOnlyTheFrameInFlight()
    {
        // More records than the outbox holds (512), so a run lasts long enough to be cut several times.
        const int glucose = 1500;
        const int kills = 4;
        using var broker = await StartBrokerWithConfigAsync(glucose, 0, 0, 0);
        using var subscriber = await broker.SubscribeAsync("dorset/v1/+/readings");
        string state = Path.Combine(broker.Directory, "flash");
        var seenAtKill = new List<int>();
        int Delivered() => Readings(subscriber).Select(r => r.OutboxSequence).Distinct().Count();

        for (int kill = 0; kill < kills; kill++)
        {
            // Killed once it has published more than at the last kill, at a moment chosen by progress, not by a clock.
            int before = Delivered();
            using var unit = StartUnit(broker, state, glucose, 0, 0, 0, exitWhenDrained: false);
            await Eventually.TrueAsync(() => Delivered() > before, TimeSpan.FromSeconds(20), poll: TimeSpan.FromMilliseconds(5));
            unit.Kill();
            seenAtKill.Add(Delivered());
        }

        using var last = StartUnit(broker, state, glucose, 0, 0, 0, exitWhenDrained: true);
        Assert.Equal(0, await last.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        await Eventually.TrueAsync(() => Delivered() >= glucose, TimeSpan.FromSeconds(20));

        var readings = Readings(subscriber);
        var byOutbox = readings.GroupBy(r => r.OutboxSequence).ToList();
        int resent = readings.Count - byOutbox.Count;
        output.WriteLine($"glucose {glucose}: seen at each kill {string.Join(", ", seenAtKill)}; readings in frames {readings.Count}, "
            + $"distinct outbox sequences {byOutbox.Count}, re-sends {resent}, "
            + $"records fetched twice {byOutbox.Count - byOutbox.Select(g => g.First().Reading.DeviceSequence).Distinct().Count()}");

        // Every kill came mid-run: after the previous one had let readings through, and with readings still to send.
        Assert.All(seenAtKill, seen => Assert.InRange(seen, 1, glucose - 1));
        Assert.All(seenAtKill.Zip(seenAtKill.Skip(1)), pair => Assert.True(pair.Second > pair.First, $"no progress between kills: {pair.First}, {pair.Second}"));
        // One frame is in flight at a time, so a kill can cost at most one frame's re-send.
        Assert.InRange(resent, 0, kills * Dorset.Telehealth.HomeUnit.Uplink.UplinkPublisher.MaxReadingsPerFrame);
        // A re-send carries the same reading under the same outbox sequence.
        Assert.All(byOutbox, g => Assert.Single(g.Select(r => r.Reading.DeviceSequence).Distinct()));
        // After dedupe by (unit, outbox sequence), each meter record is there, once or (a power cut between outbox and
        // progress) re-fetched under a new sequence: the gateway's (device, sequence) dedupe drops those.
        var records = byOutbox.Select(g => g.First().Reading.DeviceSequence).ToList();
        Assert.Equal(Enumerable.Range(1, glucose), records.Distinct().Order());
    }

    [Fact]
    public async Task Unit_PublishingToAnotherUnitsTopic_IsRefusedByTheBroker()
    {
        using var broker = await StartBrokerWithConfigAsync(1, 0, 0, 0);
        using var subscriber = await broker.SubscribeAsync("dorset/v1/#");

        await broker.PublishAsync("dorset/v1/unit-0002/readings", "forged", retain: false, Unit, Secret);
        await broker.PublishAsync($"dorset/v1/{Unit}/status", "{\"state\":\"online\"}", retain: false, Unit, Secret);
        await Eventually.TrueAsync(() => subscriber.StandardOutput.Contains($"dorset/v1/{Unit}/status", StringComparison.Ordinal), TimeSpan.FromSeconds(20));

        Assert.Contains($"dorset/v1/{Unit}/status", subscriber.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("dorset/v1/unit-0002/readings", subscriber.StandardOutput, StringComparison.Ordinal);
    }
}
