using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Dorset.Telehealth.Emulator.Units;
using Dorset.Telehealth.Emulator.VirtualDevices;
using Dorset.Telehealth.HomeUnit.Tests.Interop;
using Dorset.Telehealth.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Dorset.Telehealth.HomeUnit.Tests.Runtime;

/// <summary>
/// An emulated unit, the loop the ESP32 runs, against a real mosquitto that holds its retained config, turned by the
/// test one turn at a time on a fake clock (each turn 100 ms later), with its LED's changes written down.
/// </summary>
public sealed class UnitOnMosquitto : IDisposable
{
    public const string UnitId = "unit-0001";
    public const string Secret = "unit-0001-secret-0123";

    private readonly StringWriter _led = new();
    private readonly TextWriter _ledLog;

    private UnitOnMosquitto(MosquittoBroker broker, VirtualHome home, string flash)
    {
        Broker = broker;
        Home = home;
        Flash = flash;
        _ledLog = TextWriter.Synchronized(_led);
        Unit = Boot();
    }

    public MosquittoBroker Broker { get; }

    public VirtualHome Home { get; }

    /// <summary>The unit's flash directory.</summary>
    public string Flash { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));

    /// <summary>The unit now running (a new one after <see cref="Restart"/>).</summary>
    public EmulatedUnit Unit { get; private set; }

    /// <summary>Every LED state shown, in order ("unit-0001: LED Fault" per line).</summary>
    public string LedLog => _led.ToString();

    /// <summary>
    /// A home with the scripted devices (<paramref name="glucose"/> meter records and so on), its config retained on a
    /// fresh mosquitto (<paramref name="configJson"/>, or the home's own), and a unit provisioned for both.
    /// </summary>
    public static async Task<UnitOnMosquitto> StartAsync(int glucose, int spo2, int weight, int bp, Func<VirtualHome, string>? configJson = null)
    {
        var broker = await MosquittoBroker.StartAsync(new System.Collections.Generic.Dictionary<string, string> { [UnitId] = Secret });
        string flash = Path.Combine(broker.Directory, "flash");
        var home = new VirtualHome(UnitId, flash, glucose, spo2, weight, bp, seed: 3);
        await broker.PublishAsync($"dorset/v1/{UnitId}/config", configJson == null ? home.ConfigJson() : configJson(home), retain: true);
        return new UnitOnMosquitto(broker, home, flash);
    }

    /// <summary>Turns the loop until <paramref name="condition"/> holds, failing after 30 s of real time.</summary>
    public void Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "never happened: " + what);
            Time.Advance(TimeSpan.FromMilliseconds(100));
            Unit.RunOnce();
        }
    }

    /// <summary>Cuts the unit's power and starts it again on the same flash, in the same home.</summary>
    public void Restart()
    {
        Unit.Dispose();
        Unit = Boot();
    }

    /// <summary>The last status document the unit published, as JSON text ("" before the first).</summary>
    public static string LastStatus(ChildProcess subscriber) => Statuses(subscriber).LastOrDefault() ?? "";

    /// <summary>
    /// Every status the subscriber has received, oldest first: a state the unit reports only for a while (pairing
    /// mode's candidates) may already be followed by the next status when a loaded machine delivers it.
    /// </summary>
    public static System.Collections.Generic.IEnumerable<string> Statuses(ChildProcess subscriber) =>
        subscriber.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => Encoding.UTF8.GetString(Convert.FromHexString(line.Split(' ')[1].Trim())));

    public void Dispose()
    {
        Unit.Dispose();
        Broker.Dispose();
    }

    private EmulatedUnit Boot()
    {
        var options = new EmulatedUnitOptions("127.0.0.1", Broker.Port, UnitId, Secret, Flash, null, 0, 0, 0, 0, 3, ReadingScript.DefaultWeekEnd);
        var unit = new EmulatedUnit(options, _ledLog, EmulatedUnit.Provision(options), Home, Time);
        Assert.True(unit.Start(), unit.Runtime.Fault);
        return unit;
    }
}
