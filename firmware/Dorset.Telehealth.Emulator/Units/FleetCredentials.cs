using System;
using System.Collections.Generic;
using System.IO;

namespace Dorset.Telehealth.Emulator.Units;

/// <summary>
/// The fleet's credentials file: one unit per line, "unitId secret", separated by a space; blank lines and lines
/// starting with # are ignored. (The format the demo writes from the gateway's `units add` output.)
/// </summary>
public static class FleetCredentials
{
    /// <summary>Reads the file, or throws naming the first bad line.</summary>
    public static IReadOnlyList<(string UnitId, string Secret)> Read(string path)
    {
        var result = new List<(string, string)>();
        string[] lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                throw new FormatException($"{path}:{i + 1}: expected 'unitId secret'");
            }

            result.Add((parts[0], parts[1]));
        }

        return result;
    }

    /// <summary>Writes the file (mode 0600: it holds secrets).</summary>
    public static void Write(string path, IEnumerable<(string UnitId, string Secret)> units)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("# unitId secret (one emulated home unit per line; keep private)");
        foreach (var (unit, secret) in units)
        {
            writer.WriteLine($"{unit} {secret}");
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
