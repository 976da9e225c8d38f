using System.IO;
using System.Text.Json;
using System.Threading;
using System;
using Dorset.Telehealth.Emulator.Host;
using Dorset.Telehealth.Emulator.VirtualDevices;
using Dorset.Telehealth.HomeUnit.Storage;
using Dorset.Telehealth.HomeUnit;
using Dorset.Telehealth.Protocol.Contract;

namespace Dorset.Telehealth.Emulator.Units;

/// <summary>
/// One home unit on the host: the real <see cref="HomeUnitRuntime"/>, the loop the ESP32 runs, over a directory for
/// flash, MQTTnet for the uplink and the radio of a <see cref="VirtualHome"/>. Its flash is provisioned the way
/// nanoff's file deployment provisions a board (unit-config.json and hub-ca.pem, hardware/FLASHING.md step 6) before
/// the runtime boots from it, so a missing file takes the same fault path as on the device.
/// </summary>
public sealed class EmulatedUnit : IDisposable
{
    /// <summary>The emulator's timings: virtual devices answer at once, so waits are short.</summary>
    public static readonly UnitTimings Timings = new()
    {
        QuietMilliseconds = 2_000,
        DeviceBudgetMilliseconds = 30_000,
        ReadIntervalMilliseconds = 2_000,
        ReconnectFirstMilliseconds = 500,
        ReconnectMaxMilliseconds = 30_000,
        IdleMilliseconds = 10,
    };

    private readonly EmulatedPlatform _platform;
    private readonly TimeProvider _time;

    /// <summary>A unit in a home of its own, scripted by <paramref name="options"/>.</summary>
    public EmulatedUnit(EmulatedUnitOptions options, TextWriter? log)
        : this(options, log, Provision(options), NewHome(options), TimeProvider.System)
    {
    }

    /// <summary>
    /// A unit over <paramref name="flash"/> in <paramref name="home"/> (which a restarted unit finds as it left it),
    /// on the clock of <paramref name="time"/>.
    /// </summary>
    public EmulatedUnit(EmulatedUnitOptions options, TextWriter? log, IFlashStorage flash, VirtualHome home, TimeProvider time)
    {
        Options = options;
        Home = home;
        _time = time;
        Radio = home.Radio(BondStore.InFlash(flash));
        _platform = new EmulatedPlatform(flash, new ConsoleStatusLed(options.UnitId, log), Radio, time, options.UnitClock);
        Runtime = new HomeUnitRuntime(_platform, Timings);
    }

    public EmulatedUnitOptions Options { get; }

    public VirtualHome Home { get; }

    /// <summary>The unit's radio in the home.</summary>
    public VirtualBleCentral Radio { get; }

    /// <summary>The loop the ESP32 runs.</summary>
    public HomeUnitRuntime Runtime { get; }

    /// <summary>The unit's behaviour (null until <see cref="Start"/> succeeded).</summary>
    public HomeUnitController Controller => Runtime.Controller;

    /// <summary>True once the unit asked to be restarted (after a factory reset).</summary>
    public bool RestartRequested => _platform.RestartRequested;

    /// <summary>Every scripted reading is committed and acknowledged by the hub.</summary>
    public bool Drained => Controller != null && Home.AllCommitted && Controller.OutboxDepth == 0 && !Controller.Publisher.HasFrameInFlight;

    /// <summary>Writes the unit's provisioning files into its flash directory, as `nanoff --filedeployment` does on a board.</summary>
    public static IFlashStorage Provision(EmulatedUnitOptions options)
    {
        var flash = new DirectoryFlash(options.StateDirectory);
        string config = JsonSerializer.Serialize(new
        {
            unitId = options.UnitId,
            mqtt = new { host = options.Host, port = options.Port, tls = options.CaFile != null, caFile = UnitFiles.HubCa, password = options.Password },
        });
        flash.Write(UnitFiles.Config, System.Text.Encoding.UTF8.GetBytes(config));
        if (options.CaFile != null)
        {
            flash.Write(UnitFiles.HubCa, File.ReadAllBytes(options.CaFile));
        }

        return flash;
    }

    /// <summary>Boots the unit from its flash; false with <see cref="HomeUnitRuntime.Fault"/> saying why.</summary>
    public bool Start()
    {
        bool wasStarted = Controller != null;
        if (!Runtime.Start())
        {
            return false;
        }

        if (!wasStarted)
        {
            Controller!.ReadingCommitted += Home.OnCommitted;
        }

        return true;
    }

    /// <summary>One turn of the unit's loop, after the devices take the readings now due.</summary>
    public void RunOnce()
    {
        Start();
        Home.Release(_time.GetUtcNow());
        Runtime.RunOnce();
    }

    /// <summary>"unit-0001: read 28, acknowledged 28, resent 0, outbox 0".</summary>
    public string Summary() =>
        $"{Options.UnitId}: read {Controller.ReadingsCommitted}, acknowledged {Controller.Publisher.Acknowledged}, resent {Controller.Publisher.Resent}, outbox {Controller.OutboxDepth}";

    public void Dispose() => _platform.Dispose();

    /// <summary>Runs the unit's loop until drained (when asked), restarted or cancelled.</summary>
    public void Run(bool exitWhenDrained, CancellationToken cancellation)
    {
        Start();
        Runtime.Run(() =>
        {
            Home.Release(_time.GetUtcNow());
            return !cancellation.IsCancellationRequested && !RestartRequested && !(exitWhenDrained && Drained);
        });
    }

    private static VirtualHome NewHome(EmulatedUnitOptions options) =>
        new(options.UnitId, options.StateDirectory, options.Glucose, options.SpO2, options.Weight, options.BloodPressure,
            new ReadingScript(options.Seed, options.WeekEnd), ReadingRelease.InState(options.StateDirectory, options.ReleaseOver, TimeProvider.System.GetUtcNow()));
}
