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

    /// <summary>A home holding the readings of <paramref name="seed"/>'s script for the week ending <see cref="ReadingScript.DefaultWeekEnd"/>.</summary>
    public VirtualHome(string unitId, string stateDirectory, int glucose, int spo2, int weight, int bloodPressure, int seed)
        : this(unitId, stateDirectory, glucose, spo2, weight, bloodPressure, new ReadingScript(seed))
    {
    }

    /// <summary>A home whose devices hold the first readings of <paramref name="script"/> (counts per device).</summary>
    public VirtualHome(string unitId, string stateDirectory, int glucose, int spo2, int weight, int bloodPressure, ReadingScript script)
    {
        _stateDirectory = stateDirectory;
        _counts = [glucose, spo2, weight, bloodPressure];
        Load();
        string prefix = AddressPrefix(unitId);
        Meter = new VirtualGlucoseMeter(prefix + ":00");
        for (int i = 0; i < glucose; i++)
        {
            Meter.Store(script.Glucose(i, glucose), script.GlucoseContext(i));
        }

        Oximeter = new VirtualPulseOximeter(prefix + ":01");
        for (int i = _committed[1]; i < spo2; i++)
        {
            Oximeter.SpotCheck(script.SpotCheck(i, spo2));
        }

        Scale = new VirtualScale(prefix + ":02");
        for (int i = _committed[2]; i < weight; i++)
        {
            Scale.Weigh(script.Weight(i, weight));
        }

        Cuff = new VirtualBloodPressureMonitor(prefix + ":03");
        for (int i = _committed[3]; i < bloodPressure; i++)
        {
            Cuff.Measure(script.BloodPressure(i, bloodPressure));
        }

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
