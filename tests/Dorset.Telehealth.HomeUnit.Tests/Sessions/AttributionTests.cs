using System;
using Dorset.Telehealth.Emulator.Host;
using Dorset.Telehealth.Emulator.Units;
using Dorset.Telehealth.Emulator.VirtualDevices;
using Dorset.Telehealth.HomeUnit.Config;
using Dorset.Telehealth.HomeUnit.Tests.Simulation;
using Dorset.Telehealth.Protocol.Weight;

namespace Dorset.Telehealth.HomeUnit.Tests.Sessions;

/// <summary>A neighbour's scale in range is never read: only devices the hub confirmed in the config are.</summary>
public sealed class AttributionTests
{
    [Fact]
    public void UnconfirmedDeviceInRange_IsNeverConnectedOrRead()
    {
        var central = new VirtualBleCentral();
        var neighboursScale = new VirtualScale("D4:36:39:AA:BB:CC");
        neighboursScale.Weigh(new WeightMeasurement { RawWeight = 16000 });
        central.Add(neighboursScale);
        Assert.True(UnitConfig.TryParse(
            """{"unitId":"unit-0001","mqtt":{"host":"127.0.0.1","port":1883,"tls":false,"password":"unit-0001-secret-0123"}}""",
            out UnitConfig config, out string error), error);
        using var mqtt = new MqttNetUplinkClient("127.0.0.1", 1, null);
        var controller = new HomeUnitController(config, new SimulatedFlash(), central, mqtt,
            new FixedClock(new DateTime(2026, 11, 24, 9, 0, 0, DateTimeKind.Utc), true), new ConsoleStatusLed("unit-0001", null), new HostWifi(), EmulatedUnit.Timings);
        Assert.True(controller.Start());

        Assert.Equal(0, controller.ReadDevices());
        Assert.Equal(0, central.Connections);
        Assert.Equal(1, neighboursScale.Waiting);
    }
}
