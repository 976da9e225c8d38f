using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Dorset.Telehealth.Demo.Processes;
using Dorset.Telehealth.Demo.Provisioning;
using Dorset.Telehealth.Emulator.Units;

namespace Dorset.Telehealth.Chaos;

/// <summary>
/// One fleet process of the run: units <see cref="First"/> onwards of the provisioned fleet, with their own
/// credentials file, each unit seeded as the whole fleet would seed it (1 + its index), so the oracle's script holds.
/// Restarted after a kill over the same state, with the clock the fault asks for.
/// </summary>
public sealed class FleetSlice(int index, int first, IReadOnlyList<(string UnitId, string Secret)> units, PipelineLayout layout, BuildOutputs build, int mqttPort)
{
    private readonly string _credentials = Path.Combine(layout.DataDirectory, $"fleet-{index}-credentials.txt");

    public int First { get; } = first;

    public IEnumerable<string> UnitIds => units.Select(u => u.UnitId);

    public ServiceProcess? Process { get; private set; }

    /// <summary>The clock its units run with now: synced, unset or wrong.</summary>
    public string Clock { get; private set; } = "synced";

    /// <summary>Starts (or, after a kill, restarts) the process with <paramref name="clock"/>.</summary>
    public void Start(string clock, int glucose, int spo2, int weight, int bp, TimeSpan releaseOver)
    {
        if (!File.Exists(_credentials))
        {
            FleetCredentials.Write(_credentials, units);
        }

        Clock = clock;
        string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
        Process = ServiceProcess.Start($"fleet-{index}", build.Emulator,
        [
            "fleet", "--broker", $"127.0.0.1:{mqttPort}", "--credentials", _credentials, "--state-dir", layout.FleetState,
            "--glucose", Text(glucose), "--spo2", Text(spo2), "--weight", Text(weight), "--bp", Text(bp), "--seed", Text(1 + First),
            "--release-seconds", Text((int)releaseOver.TotalSeconds), "--unit-clock", clock, "--threads", "1", "--exit-when-drained",
        ], null, Path.Combine(layout.DataDirectory, $"fleet-{index}.log"));
    }
}
