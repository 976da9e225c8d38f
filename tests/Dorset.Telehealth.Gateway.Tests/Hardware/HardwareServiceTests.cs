using Dorset.Telehealth.TestSupport;
using System;
using System.Collections.Generic;
using System.Device.Gpio;
using System.IO;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Hardware;
using Dorset.Telehealth.Gateway.Ingest;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dorset.Telehealth.Gateway.Tests.Hardware;

public sealed class HardwareServiceTests
{
    private static GatewayHost StartWith(TestGpioDriver driver, IDictionary<string, string?>? settings = null)
    {
        return new GatewayHost(services =>
        {
            services.RemoveAll<IGpioControllerFactory>();
            services.AddSingleton<IGpioControllerFactory>(new DriverGpioControllerFactory(() => driver));
        }, settings);
    }

    [Fact]
    public async Task Start_WithGpioChip_OpensDefaultPinsAndLightsBrokerLed()
    {
        var driver = new TestGpioDriver();
        await using var host = StartWith(driver);
        var defaults = new GpioOptions();

        await Eventually.TrueAsync(() => driver.IsHigh(defaults.BrokerLedPin));
        Assert.Equal(PinMode.Output, driver.Modes[defaults.AlertLedPin]);
        Assert.Equal(PinMode.InputPullUp, driver.Modes[defaults.ButtonPin]);
        Assert.False(driver.IsHigh(defaults.CloudLedPin));
        Assert.True(host.Services.GetRequiredService<HardwareService>().UsingGpio);
    }

    [Fact]
    public async Task RedAlert_ThenButtonPress_SilencesTheBuzzerRecordsItOnTheAlert_AndTheLedStaysOnUntilAcknowledged()
    {
        var driver = new TestGpioDriver();
        await using var host = AlertHost.Start(services: s =>
        {
            s.RemoveAll<IGpioControllerFactory>();
            s.AddSingleton<IGpioControllerFactory>(new DriverGpioControllerFactory(() => driver));
        });
        var pins = new GpioOptions();
        var tick = TimeSpan.FromMilliseconds(250);

        await host.PublishAsync("unit-1", null, UplinkFrames.Glucose(1, 5, "2.9"));
        host.Time.Advance(tick);
        await Eventually.TrueAsync(() => driver.IsHigh(pins.AlertLedPin) && driver.IsHigh(pins.BuzzerPin));

        host.Time.Advance(TimeSpan.FromSeconds(30));
        driver.Press(pins.ButtonPin);
        // Tick 0 is a beep's "on" phase: a buzzer still sounding would be driven high here.
        host.Host.Services.GetRequiredService<HardwareService>().Refresh(0);

        AlertRecord alert = Assert.Single(host.Alerts.List(null, null, null));
        Assert.Equal(new AlertSilence("button", AlertHost.FrameTime.AddSeconds(30).Add(tick)), alert.Silenced);
        Assert.False(host.Alarms.RedAlertSounding);
        Assert.False(driver.IsHigh(pins.BuzzerPin));
        Assert.True(driver.IsHigh(pins.AlertLedPin));

        host.Host.Services.GetRequiredService<AlertAnnunciator>().Acknowledge(alert.Id, "nurse.jones", null);
        host.Time.Advance(tick);
        await Eventually.TrueAsync(() => !driver.IsHigh(pins.AlertLedPin));
    }

    [Fact]
    public async Task PinMap_FileNamesPins_OverridesDefaults()
    {
        using var dir = new TempDirectory();
        string map = Path.Combine(dir.Path, "gateway.pins.json");
        File.WriteAllText(map, """
            {"board":"raspberry-pi-4b","pins":[
              {"name":"broker-led","gpio":5,"direction":"output"},{"name":"cloud-led","gpio":6,"direction":"output"},
              {"name":"alert-led","gpio":13,"direction":"output"},{"name":"buzzer","gpio":19,"direction":"output"},
              {"name":"silence-button","gpio":26,"direction":"input","activeLow":true,"pull":"up"}]}
            """);
        var driver = new TestGpioDriver();

        await using var host = StartWith(driver, new Dictionary<string, string?> { ["GpioOptions:PinMapPath"] = map });

        await Eventually.TrueAsync(() => driver.IsHigh(5));
        Assert.True(driver.IsOpen(26));
        Assert.False(driver.IsOpen(new GpioOptions().BrokerLedPin));
    }

    [Fact]
    public async Task PinMap_UsingTheClocksI2cPin_DrivesNoPinAtAll()
    {
        using var dir = new TempDirectory();
        string map = Path.Combine(dir.Path, "gateway.pins.json");
        File.WriteAllText(map, """{"board":"raspberry-pi-4b","pins":[{"name":"broker-led","gpio":2,"direction":"output"}]}""");
        var driver = new TestGpioDriver();

        await using var host = StartWith(driver, new Dictionary<string, string?> { ["GpioOptions:PinMapPath"] = map });
        var hardware = host.Services.GetRequiredService<HardwareService>();

        await Eventually.TrueAsync(() => hardware.BrokerLed.IsOn);
        Assert.False(hardware.UsingGpio);
        Assert.False(driver.IsOpen(2));
        Assert.False(driver.IsOpen(new GpioOptions().BrokerLedPin));
    }

    [Fact]
    public async Task Start_WithoutGpioChip_RunsOnSimulatedOutputs()
    {
        await using var host = new GatewayHost(services =>
        {
            services.RemoveAll<IGpioControllerFactory>();
            services.AddSingleton<IGpioControllerFactory, NoChipFactory>();
        });
        var hardware = host.Services.GetRequiredService<HardwareService>();

        Assert.False(hardware.UsingGpio);
        await Eventually.TrueAsync(() => hardware.BrokerLed.IsOn);
        var response = await host.Http.GetAsync("/health");
        Assert.True(response.IsSuccessStatusCode);
    }

    private sealed class NoChipFactory : IGpioControllerFactory
    {
        public GpioController? TryCreate(out string reason)
        {
            reason = "no /dev/gpiochip* on this machine";
            return null;
        }
    }
}
