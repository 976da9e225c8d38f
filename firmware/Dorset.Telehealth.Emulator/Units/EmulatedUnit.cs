using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using Dorset.Telehealth.Emulator.Host;
using Dorset.Telehealth.Emulator.VirtualDevices;
using Dorset.Telehealth.HomeUnit;
using Dorset.Telehealth.HomeUnit.Config;
using Dorset.Telehealth.HomeUnit.Uplink;

namespace Dorset.Telehealth.Emulator.Units;

/// <summary>
/// One home unit on the host: the real <see cref="HomeUnitController"/> over a directory for flash, MQTTnet for the
/// uplink and a <see cref="VirtualHome"/> of devices. <see cref="RunOnce"/> is one turn of the unit's main loop.
/// </summary>
public sealed class EmulatedUnit : IDisposable
{
    private static readonly TimeSpan DeviceInterval = TimeSpan.FromSeconds(2);
    private readonly MqttNetUplinkClient _mqtt;
    private readonly ReconnectBackoff _backoff;
    private DateTime _nextDeviceRead = DateTime.MinValue;
    private DateTime _nextConnect = DateTime.MinValue;
    private int _devicesSeen;

    public EmulatedUnit(EmulatedUnitOptions options, TextWriter? log)
    {
        Options = options;
        Home = new VirtualHome(options.UnitId, options.StateDirectory, options.Glucose, options.SpO2, options.Weight, options.BloodPressure,
            new ReadingScript(options.Seed, options.WeekEnd));
        _mqtt = new MqttNetUplinkClient(options.Host, options.Port, options.CaFile);
        _backoff = new ReconnectBackoff(500, 30_000, options.Seed ^ options.UnitId.GetHashCode(StringComparison.Ordinal));
        string configJson = JsonSerializer.Serialize(new
        {
            unitId = options.UnitId,
            mqtt = new { host = options.Host, port = options.Port, tls = options.CaFile != null, caFile = options.CaFile, password = options.Password },
        });
        if (!UnitConfig.TryParse(configJson, out UnitConfig config, out string error))
        {
            throw new ArgumentException(error);
        }

        Controller = new HomeUnitController(config, new DirectoryFlash(options.StateDirectory), Home.Central, _mqtt, new SystemUnitClock(), new ConsoleStatusLed(options.UnitId, log), new HostWifi(), 2_000);
        Controller.ReadingCommitted += Home.OnCommitted;
    }

    public EmulatedUnitOptions Options { get; }

    public VirtualHome Home { get; }

    public HomeUnitController Controller { get; }

    /// <summary>Every scripted reading is committed and acknowledged by the hub.</summary>
    public bool Drained => Home.AllCommitted && Controller.OutboxDepth == 0 && !Controller.Publisher.HasFrameInFlight;

    /// <summary>One turn: connect (with backoff), read the devices every couple of seconds or when pairing changes, send.</summary>
    public void RunOnce()
    {
        DateTime now = DateTime.UtcNow;
        if (!_mqtt.IsConnected)
        {
            if (now < _nextConnect)
            {
                return;
            }

            if (!Controller.EnsureConnected())
            {
                _nextConnect = now.AddMilliseconds(_backoff.NextDelayMilliseconds());
                return;
            }

            _backoff.Reset();
        }

        if (Controller.Devices.Length != _devicesSeen || now >= _nextDeviceRead)
        {
            _devicesSeen = Controller.Devices.Length;
            _nextDeviceRead = now + DeviceInterval;
            Controller.ReadDevices();
        }

        Controller.ServiceUplink();
    }

    /// <summary>"unit-0001: read 28, acknowledged 28, resent 0, outbox 0, dropped 0".</summary>
    public string Summary() =>
        $"{Options.UnitId}: read {Controller.ReadingsCommitted}, acknowledged {Controller.Publisher.Acknowledged}, resent {Controller.Publisher.Resent}, outbox {Controller.OutboxDepth}";

    public void Dispose()
    {
        _mqtt.Disconnect();
        _mqtt.Dispose();
    }

    /// <summary>Runs until drained (when asked) or cancelled.</summary>
    public void Run(bool exitWhenDrained, CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested && !(exitWhenDrained && Drained))
        {
            RunOnce();
            Thread.Sleep(10);
        }
    }
}
