using System.Collections.Generic;
using Dorset.Telehealth.HomeUnit.Storage;

namespace Dorset.Telehealth.Benchmarks.HomeUnit;

/// <summary>Flash in RAM: the benchmark measures the unit's CPU work, not the host disk's fsync.</summary>
public sealed class MemoryFlash : IFlashStorage
{
    private readonly Dictionary<string, List<byte>> _files = [];

    public bool Exists(string name) => _files.ContainsKey(name);

    public byte[] ReadAll(string name) => _files.TryGetValue(name, out var f) ? f.ToArray() : null!;

    public void Append(string name, byte[] data, int offset, int count)
    {
        if (!_files.TryGetValue(name, out var f))
        {
            _files[name] = f = [];
        }

        f.AddRange(new System.ArraySegment<byte>(data, offset, count));
    }

    public void Write(string name, byte[] data) => _files[name] = [.. data];

    public void Delete(string name) => _files.Remove(name);

    public void Move(string from, string to)
    {
        _files[to] = _files[from];
        _files.Remove(from);
    }
}
