using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Dorset.Telehealth.HomeUnit.Devices;
using Dorset.Telehealth.HomeUnit.Readings;

namespace Dorset.Telehealth.Emulator.VirtualDevices;

/// <summary>
/// A patient's home for one emulated unit: a glucose meter (slot 0), oximeter (1), scale (2) and cuff (3), each
/// holding its scripted readings. Which readings of the push devices the unit has committed is kept in the unit's
/// state directory, so a restarted emulator neither loses nor repeats them. (A real push device forgets a reading
/// when the BLE stack confirms its indication, a moment before the unit commits it; that window is not modelled.)
/// </summary>
public sealed class VirtualHome
{
    private const string StateFile = "virtual-home.txt";
    private readonly string _stateDirectory;
    private readonly int[] _counts;
    private readonly int[] _committed = new int[4];
    private readonly int[] _taken;
    private readonly ReadingScript _script;
    private readonly ReadingRelease _release;

    /// <summary>A home holding the readings of <paramref name="seed"/>'s script for the week ending <see cref="ReadingScript.DefaultWeekEnd"/>.</summary>
    public VirtualHome(string unitId, string stateDirectory, int glucose, int spo2, int weight, int bloodPressure, int seed)
        : this(unitId, stateDirectory, glucose, spo2, weight, bloodPressure, new ReadingScript(seed))
    {
    }

    /// <summary>A home whose devices hold the first readings of <paramref name="script"/> (counts per device).</summary>
    public VirtualHome(string unitId, string stateDirectory, int glucose, int spo2, int weight, int bloodPressure, ReadingScript script)
        : this(unitId, stateDirectory, glucose, spo2, weight, bloodPressure, script, ReadingRelease.AllAtOnce)
    {
    }

    /// <summary>
    /// A home whose devices take the first readings of <paramref name="script"/> (counts per device) as
    /// <paramref name="release"/> says, each when <see cref="Release"/> is called at or after its time.
    /// </summary>
    public VirtualHome(string unitId, string stateDirectory, int glucose, int spo2, int weight, int bloodPressure, ReadingScript script, ReadingRelease release)
    {
        _stateDirectory = stateDirectory;
        _counts = [glucose, spo2, weight, bloodPressure];
        _script = script;
        _release = release;
        Load();
        string prefix = AddressPrefix(unitId);
        Meter = new VirtualGlucoseMeter(prefix + ":00");
        Oximeter = new VirtualPulseOximeter(prefix + ":01");
        Scale = new VirtualScale(prefix + ":02");
        Cuff = new VirtualBloodPressureMonitor(prefix + ":03");
        // The meter keeps every record it took (the unit asks for those after its last); a push device sends a reading
        // once, so a restarted home queues only those its unit has not committed.
        _taken = [0, _committed[1], _committed[2], _committed[3]];
        Release(DateTimeOffset.MinValue);
    }

    public VirtualGlucoseMeter Meter { get; }

    public VirtualPulseOximeter Oximeter { get; }

    public VirtualScale Scale { get; }

    public VirtualBloodPressureMonitor Cuff { get; }

    /// <summary>
    /// The unit's radio in this home: every device in range, and the unit's side of its bonds in
    /// <paramref name="bonds"/>. A restarted unit gets a new radio; the devices, and what they remember, stay.
    /// </summary>
    public VirtualBleCentral Radio(BondStore bonds)
    {
        var radio = new VirtualBleCentral(bonds);
        radio.Add(Meter);
        radio.Add(Oximeter);
        radio.Add(Scale);
        radio.Add(Cuff);
        return radio;
    }

    /// <summary>
    /// Puts into the devices every scripted reading taken by <paramref name="now"/> that they do not hold yet (all of
    /// them at once unless the home is paced). Called from the unit's loop, on its thread.
    /// </summary>
    public void Release(DateTimeOffset now)
    {
        for (int due = _release.Taken(_counts[0], now); _taken[0] < due; _taken[0]++)
        {
            Meter.Store(_script.Glucose(_taken[0], _counts[0]), _script.GlucoseContext(_taken[0]));
        }

        for (int due = _release.Taken(_counts[1], now); _taken[1] < due; _taken[1]++)
        {
            Oximeter.SpotCheck(_script.SpotCheck(_taken[1], _counts[1]));
        }

        for (int due = _release.Taken(_counts[2], now); _taken[2] < due; _taken[2]++)
        {
            Scale.Weigh(_script.Weight(_taken[2], _counts[2]));
        }

        for (int due = _release.Taken(_counts[3], now); _taken[3] < due; _taken[3]++)
        {
            Cuff.Measure(_script.BloodPressure(_taken[3], _counts[3]));
        }
    }

    /// <summary>Every scripted reading of every device has been committed by the unit.</summary>
    public bool AllCommitted => _committed.Zip(_counts).All(p => p.First >= p.Second);

    /// <summary>The devices with readings, as the gateway's `units pair` would confirm them.</summary>
    public IEnumerable<PairedDevice> Devices()
    {
        if (_counts[0] > 0) yield return new PairedDevice(0, Meter.Address, DeviceKind.GlucoseMeter, false);
        if (_counts[1] > 0) yield return new PairedDevice(1, Oximeter.Address, DeviceKind.PulseOximeter, false);
        if (_counts[2] > 0) yield return new PairedDevice(2, Scale.Address, DeviceKind.WeightScale, false);
        if (_counts[3] > 0) yield return new PairedDevice(3, Cuff.Address, DeviceKind.BloodPressureMonitor, false);
    }

    /// <summary>The config document the gateway publishes for these devices.</summary>
    public string ConfigJson() =>
        "{\"devices\":[" + string.Join(",", Devices().Select(d =>
            $"{{\"slot\":{d.Slot},\"address\":\"{d.Address}\",\"kind\":\"{DeviceKinds.Name(d.Kind)}\",\"needsBond\":false}}")) + "],\"settings\":{}}";

    /// <summary>Records that the unit committed a reading (called from the unit's commit event).</summary>
    public void OnCommitted(DeviceReading reading, uint outboxSequence)
    {
        int slot = reading.Slot;
        _committed[slot] = slot == 0 ? Math.Max(_committed[0], reading.DeviceSequence) : _committed[slot] + 1;
        Save();
    }

    /// <summary>Bluetooth address prefix derived from the unit id, stable across runs: "C0:xx:xx:xx:xx".</summary>
    public static string AddressPrefix(string unitId)
    {
        uint hash = 2166136261;
        foreach (char c in unitId)
        {
            hash = (hash ^ c) * 16777619;
        }

        return string.Create(CultureInfo.InvariantCulture, $"C0:{(hash >> 24) & 0xFF:X2}:{(hash >> 16) & 0xFF:X2}:{(hash >> 8) & 0xFF:X2}:{hash & 0xFF:X2}");
    }

    private void Load()
    {
        string path = Path.Combine(_stateDirectory, StateFile);
        if (!File.Exists(path))
        {
            return;
        }

        string[] parts = File.ReadAllText(path).Trim().Split(' ');
        for (int i = 0; i < _committed.Length && i < parts.Length; i++)
        {
            _committed[i] = int.Parse(parts[i], CultureInfo.InvariantCulture);
        }
    }

    private void Save()
    {
        string path = Path.Combine(_stateDirectory, StateFile);
        string temp = path + ".new";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            stream.Write(System.Text.Encoding.ASCII.GetBytes(string.Join(" ", _committed)));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }
}
