using System;
using System.Collections.Generic;
using Dorset.Telehealth.HomeUnit.Storage;

namespace Dorset.Telehealth.HomeUnit.Tests.Simulation;

/// <summary>
/// Flash in memory that can lose power part-way through a write. <see cref="PowerCutAfter"/> is a budget of bytes
/// (each delete or rename costs one): the write that exhausts it keeps only the bytes that fit, and throws
/// <see cref="PowerCutException"/>; so a test can cut at every byte offset of a scenario.
/// </summary>
public sealed class SimulatedFlash : IFlashStorage
{
    private readonly Dictionary<string, byte[]> files = new(StringComparer.Ordinal);

    /// <summary>Bytes (plus one per delete/rename) that may still be written before the power goes; null: never.</summary>
    public long? PowerCutAfter { get; set; }

    /// <summary>Bytes and operations spent so far (the scenario's length when no cut is set).</summary>
    public long Spent { get; private set; }

    public bool Exists(string name) => files.ContainsKey(name);

    public byte[] ReadAll(string name) => files.TryGetValue(name, out byte[]? data) ? (byte[])data.Clone() : null!;

    public void Append(string name, byte[] data, int offset, int count)
    {
        byte[] existing = files.TryGetValue(name, out byte[]? old) ? old : [];
        int kept = Spend(count);
        var grown = new byte[existing.Length + kept];
        existing.CopyTo(grown, 0);
        Array.Copy(data, offset, grown, existing.Length, kept);
        files[name] = grown;
        ThrowIfCut(kept, count);
    }

    public void Write(string name, byte[] data)
    {
        int kept = Spend(data.Length);
        files[name] = data.AsSpan(0, kept).ToArray();
        ThrowIfCut(kept, data.Length);
    }

    public void Delete(string name)
    {
        if (Spend(1) == 0)
        {
            throw new PowerCutException();
        }

        files.Remove(name);
    }

    public void Move(string from, string to)
    {
        if (files.ContainsKey(to))
        {
            throw new InvalidOperationException($"{to} exists: LittleFS cannot rename over a file");
        }

        if (Spend(1) == 0)
        {
            throw new PowerCutException();
        }

        files[to] = files[from];
        files.Remove(from);
    }

    private int Spend(int wanted)
    {
        long left = PowerCutAfter is long budget ? budget - Spent : long.MaxValue;
        int kept = (int)Math.Max(0, Math.Min(wanted, left));
        Spent += kept;
        return kept;
    }

    private static void ThrowIfCut(int kept, int wanted)
    {
        if (kept < wanted)
        {
            throw new PowerCutException();
        }
    }
}
