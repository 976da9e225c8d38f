using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Dorset.Telehealth.Emulator.Units;
using Dorset.Telehealth.HomeUnit.Tests.Interop;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.HomeUnit.Tests.Runtime;

/// <summary>
/// `emulator fleet --exit-when-drained` as scripts (the demo, CI runs) use it: once every unit's outbox is empty it
/// prints its summary and exits 0. It used to die with an ObjectDisposedException (exit 134) as the process ended.
/// </summary>
public sealed class FleetExitTests
{
    [Fact]
    public async Task ADrainedFleet_ExitsZeroWithItsSummary()
    {
        using var broker = await MosquittoBroker.StartAsync(new Dictionary<string, string> { ["unit-0001"] = UnitOnMosquitto.Secret });
        string credentials = Path.Combine(broker.Directory, "fleet-credentials.txt");
        FleetCredentials.Write(credentials, new[] { ("unit-0001", UnitOnMosquitto.Secret) });
        Directory.CreateDirectory(Path.Combine(broker.Directory, "fleet"));
        // A hub's retained config with one paired meter: the unit reads it, sends its records and is then drained.
        var home = new Dorset.Telehealth.Emulator.VirtualDevices.VirtualHome("unit-0001", Path.Combine(broker.Directory, "fleet", "unit-0001"), 3, 0, 0, 0, seed: 1);
        await broker.PublishAsync("dorset/v1/unit-0001/config", home.ConfigJson(), retain: true);

        using var fleet = ChildProcess.StartDotnet(Path.Combine(AppContext.BaseDirectory, "emulator.dll"),
            ["fleet", "--broker", $"127.0.0.1:{broker.Port}", "--credentials", credentials, "--state-dir", Path.Combine(broker.Directory, "fleet"), "--glucose", "3", "--spo2", "0", "--weight", "0", "--bp", "0", "--seed", "1", "--exit-when-drained"]);
        int code = await fleet.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(code == 0, $"exit {code}: {fleet.StandardError}");
        Assert.Contains("fleet done: 1 units", fleet.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", fleet.StandardError, StringComparison.Ordinal);
    }
}
