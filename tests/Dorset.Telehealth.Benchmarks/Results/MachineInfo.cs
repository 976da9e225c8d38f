using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace Dorset.Telehealth.Benchmarks.Results;

/// <summary>The machine a run was measured on: what the results page states beside its figures.</summary>
public sealed record MachineInfo(int Cores, long MemoryBytes, string OperatingSystem, string Runtime, double LoadAverage)
{
    public static MachineInfo Current()
    {
        return new MachineInfo(Environment.ProcessorCount, MemTotal(), RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, LoadAverage1());
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Cores} cores, {MemoryBytes / 1024.0 / 1024 / 1024:0.0} GiB memory, {OperatingSystem}, {Runtime}; 1-minute load average {LoadAverage:0.00} at the start");

    // /proc/meminfo's MemTotal in kB; the GC's view of memory is limited by cgroups and is not the machine's.
    private static long MemTotal()
    {
        string? line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        return line == null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    // Another process's CPU moves every figure on a shared machine; the page says how busy it was.
    private static double LoadAverage1()
    {
        return File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : 0;
    }
}
