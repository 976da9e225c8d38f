using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace Dorset.Telehealth.Benchmarks.Shared;

/// <summary>The machine a run measured on, as RESULTS.md states it.</summary>
public sealed record MachineDescription(int Cores, long MemoryBytes, string OperatingSystem)
{
    public static MachineDescription Current()
    {
        long memory = 0;
        // MemTotal from /proc/meminfo (kB); the GC's view would be the container limit, not the machine.
        foreach (string line in File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo") : [])
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                memory = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return new MachineDescription(Environment.ProcessorCount, memory, RuntimeInformation.OSDescription + " " + RuntimeInformation.OSArchitecture);
    }
}
