using System;
using Dorset.Telehealth.Emulator.VirtualDevices;
using Dorset.Telehealth.HomeUnit.Devices;
using Dorset.Telehealth.HomeUnit.Sessions;
using Dorset.Telehealth.HomeUnit.Tests.Simulation;
using Dorset.Telehealth.Protocol.Time;

namespace Dorset.Telehealth.HomeUnit.Tests.Sessions;

public sealed class DeviceMaintenanceTests
{
    [Fact]
    public void GlucoseMeter_BatteryAndIdentityRead_ClockSetToUkSummerTimeThroughCurrentTime()
    {
        var meter = new VirtualGlucoseMeter("C0:26:DA:01:02:03") { BatteryPercent = 35 };
        meter.Accept();
        var health = new DeviceHealth(0);

        DeviceMaintenance.Run(meter, new PairedDevice(0, meter.Address, DeviceKind.GlucoseMeter, false),
            new FixedClock(new DateTime(2026, 7, 1, 11, 30, 0, DateTimeKind.Utc), synchronised: true), health);

        Assert.Equal(35, health.Battery);
        Assert.Equal(("Dorset Virtual Devices", "Virtual Glucose"), (health.Manufacturer, health.Model));
        Assert.True(health.ClockSet);
        Assert.Equal(new DeviceTime(2026, 7, 1, 12, 30, 0), meter.ClockSetTo);
    }

    [Fact]
    public void Scale_ClockSetThroughDateTimeInItsOwnService_InWinterTime()
    {
        var scale = new VirtualScale("D4:36:39:AA:BB:CC");
        scale.Accept();
        var health = new DeviceHealth(2);

        DeviceMaintenance.Run(scale, new PairedDevice(2, scale.Address, DeviceKind.WeightScale, false),
            new FixedClock(new DateTime(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc), synchronised: true), health);

        Assert.True(health.ClockSet);
        Assert.Equal(new DeviceTime(2026, 11, 24, 8, 0, 0), scale.ClockSetTo);
    }

    [Fact]
    public void UnsynchronisedUnitClock_NeverSetsADeviceClock()
    {
        var meter = new VirtualGlucoseMeter("C0:26:DA:01:02:03");
        meter.Accept();
        var health = new DeviceHealth(0);

        DeviceMaintenance.Run(meter, new PairedDevice(0, meter.Address, DeviceKind.GlucoseMeter, false),
            new FixedClock(new DateTime(2000, 1, 1, 0, 5, 0, DateTimeKind.Utc), synchronised: false), health);

        Assert.False(health.ClockSet);
        Assert.Null(meter.ClockSetTo);
        Assert.Equal(80, health.Battery);
    }

    [Theory]
    [InlineData("2026-03-29T00:59:59", "2026-03-29T00:59:59")]
    [InlineData("2026-03-29T01:00:00", "2026-03-29T02:00:00")]
    [InlineData("2026-10-25T00:59:59", "2026-10-25T01:59:59")]
    [InlineData("2026-10-25T01:00:00", "2026-10-25T01:00:00")]
    public void UkCivilTime_SwitchesAtOneAmUtcOnTheLastSundays(string utc, string civil)
    {
        DateTime at = DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(DateTime.Parse(civil, System.Globalization.CultureInfo.InvariantCulture), HomeUnit.Time.UkCivilTime.FromUtc(at));
    }
}
