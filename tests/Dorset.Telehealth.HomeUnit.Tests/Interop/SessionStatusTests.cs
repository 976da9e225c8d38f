using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Dorset.Telehealth.Emulator.Host;
using Dorset.Telehealth.Emulator.Units;
using Dorset.Telehealth.Emulator.VirtualDevices;
using Dorset.Telehealth.HomeUnit.Config;
using Dorset.Telehealth.HomeUnit.Tests.Simulation;
using Dorset.Telehealth.Protocol.Glucose;
using Dorset.Telehealth.Protocol.Numbers;
using Dorset.Telehealth.Protocol.PulseOximetry;
using Dorset.Telehealth.Protocol.Time;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.HomeUnit.Tests.Interop;

/// <summary>
/// The unit's status names how the last attempt at each paired device ended, so the hub sees a meter that cannot bond
/// or a scale never in range, rather than only readings that do not arrive. Real controller, real mosquitto.
/// </summary>
public sealed class SessionStatusTests
{
    private const string Unit = "unit-0001";
    private const string Secret = "unit-0001-secret-0123";

    [Fact]
    public async Task Status_NamesEachDevicesLastSession_BondFailedUnreachableCompleted()
    {
        using var broker = await MosquittoBroker.StartAsync(new Dictionary<string, string> { [Unit] = Secret });
        var central = new VirtualBleCentral();
        var meter = new VirtualGlucoseMeter("C0:26:DA:01:02:03") { NeedsPinEntry = true };
        meter.Store(new GlucoseMeasurement { Sequence = 1, BaseTime = new DeviceTime(2026, 11, 24, 7, 0, 0), HasConcentration = true, Concentration = new MedicalFloat(100, -5), Type = 1, Location = 1 });
        var oximeter = new VirtualPulseOximeter("00:1B:DC:44:55:66");
        oximeter.SpotCheck(new PlxSpotCheck { SpO2 = new MedicalFloat(97, 0), PulseRate = new MedicalFloat(72, 0) });
        var scale = new VirtualScale("D4:36:39:AA:BB:CC") { InRange = false };
        central.Add(meter);
        central.Add(oximeter);
        central.Add(scale);
        await broker.PublishAsync($"dorset/v1/{Unit}/config",
            """{"devices":[{"slot":0,"address":"C0:26:DA:01:02:03","kind":"glucose-meter","needsBond":true},{"slot":1,"address":"00:1B:DC:44:55:66","kind":"pulse-oximeter"},{"slot":2,"address":"D4:36:39:AA:BB:CC","kind":"weight-scale"}],"settings":{}}""",
            retain: true);
        using var statusLines = await broker.SubscribeAsync($"dorset/v1/{Unit}/status");
        string configJson = $$$"""{"unitId":"{{{Unit}}}","mqtt":{"host":"127.0.0.1","port":{{{broker.Port}}},"tls":false,"password":"{{{Secret}}}"}}""";
        Assert.True(UnitConfig.TryParse(configJson, out UnitConfig config, out string error), error);
        using var mqtt = new MqttNetUplinkClient("127.0.0.1", broker.Port, null);
        var controller = new HomeUnitController(config, new SimulatedFlash(), central, mqtt,
            new FixedClock(new DateTime(2026, 11, 24, 9, 0, 0, DateTimeKind.Utc), true), new ConsoleStatusLed(Unit, null), new HostWifi(), EmulatedUnit.Timings);
        Assert.True(controller.Start());
        Assert.True(controller.EnsureConnected());
        await Eventually.TrueAsync(() => controller.Devices.Length == 3, TimeSpan.FromSeconds(20), "the retained config reaches the unit");

        // The first pass after the config arrived restarts the scan, so the newly confirmed devices are listened for;
        // the second reads those that advertised.
        controller.ReadDevices();
        controller.ReadDevices();
        controller.ServiceUplink();

        Assert.Equal(new[] { "bond-failed", "completed", "unreachable" }, new[] { controller.LastSessionOf(0), controller.LastSessionOf(1), controller.LastSessionOf(2) });
        Assert.Single(meter.Records);
        string status = "";
        // The birth status (sent on connect, before any device was tried) comes first; wait for the one after the pass.
        await Eventually.TrueAsync(() => (status = LastStatus(statusLines)).Contains("\"slot\":2,\"last\"", StringComparison.Ordinal), TimeSpan.FromSeconds(20),
            "a status naming slot 2's last session", () => "last status: " + status);
        Assert.Contains("\"sessions\":[{\"slot\":0,\"last\":\"bond-failed\"},{\"slot\":1,\"last\":\"completed\"},{\"slot\":2,\"last\":\"unreachable\"}]", status, StringComparison.Ordinal);
    }

    private static string LastStatus(ChildProcess subscriber)
    {
        string? line = subscriber.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return line == null ? "" : Encoding.UTF8.GetString(Convert.FromHexString(line.Split(' ')[1].Trim()));
    }
}
