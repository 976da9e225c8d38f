using System;
using System.IO;
using Dorset.Telehealth.Emulator.VirtualDevices;
using Dorset.Telehealth.HomeUnit.Ble;
using Dorset.Telehealth.HomeUnit.Indicators;
using Dorset.Telehealth.HomeUnit.Network;
using Dorset.Telehealth.HomeUnit.Platform;
using Dorset.Telehealth.HomeUnit.Storage;
using Dorset.Telehealth.HomeUnit.Time;
using Dorset.Telehealth.HomeUnit.Uplink;

namespace Dorset.Telehealth.Emulator.Host;

/// <summary>
/// The emulated unit's adapters: a directory for flash, a console line for the LED, a virtual radio, the host's
/// network and clock (as <paramref name="clock"/> says), and MQTTnet for the uplink.
/// </summary>
public sealed class EmulatedPlatform(IFlashStorage flash, IStatusLed led, IBleCentral ble, TimeProvider time, UnitClockMode clock = UnitClockMode.Synchronised)
    : IUnitPlatform, IDisposable
{
    private MqttNetUplinkClient? _uplink;

    public IFlashStorage Flash => flash;

    public IStatusLed Led => led;

    public IBleCentral Ble => ble;

    /// <summary>True once the runtime asked for a restart (a factory reset): the emulated unit's loop ends.</summary>
    public bool RestartRequested { get; private set; }

    public IWifiStatus JoinWifi(string ssid, string password) => new HostWifi();

    public IUnitClock StartClock(string sntpServer) => new SystemUnitClock(time, clock);

    public IUplinkClient CreateUplink(string host, int port, byte[] caCertificatePem)
    {
        _uplink = new MqttNetUplinkClient(host, port, caCertificatePem);
        return _uplink;
    }

    public void Restart() => RestartRequested = true;

    public void Dispose()
    {
        if (_uplink != null)
        {
            _uplink.Disconnect();
            _uplink.Dispose();
        }
    }
}
