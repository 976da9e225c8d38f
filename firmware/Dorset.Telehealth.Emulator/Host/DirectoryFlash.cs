using System.IO;
using Dorset.Telehealth.HomeUnit.Storage;

namespace Dorset.Telehealth.Emulator.Host;

/// <summary>
/// A directory standing in for the unit's flash. Every write is flushed to disk (fsync) before it returns, as the
/// <see cref="IFlashStorage"/> contract promises, so a SIGKILLed emulator recovers like a unit after a power cut.
/// </summary>
public sealed class DirectoryFlash : IFlashStorage
{
    private readonly string _directory;

    public DirectoryFlash(string directory)
    {
        Directory.CreateDirectory(directory);
        _directory = directory;
    }

    public bool Exists(string name) => File.Exists(PathOf(name));

    public byte[] ReadAll(string name) => File.Exists(PathOf(name)) ? File.ReadAllBytes(PathOf(name)) : null!;

    public void Append(string name, byte[] data, int offset, int count)
    {
        using var stream = new FileStream(PathOf(name), FileMode.Append, FileAccess.Write, FileShare.Read);
        stream.Write(data, offset, count);
        stream.Flush(flushToDisk: true);
    }

    public void Write(string name, byte[] data)
    {
        using var stream = new FileStream(PathOf(name), FileMode.Create, FileAccess.Write, FileShare.Read);
        stream.Write(data);
        stream.Flush(flushToDisk: true);
    }

    public void Delete(string name) => File.Delete(PathOf(name));

    public void Move(string from, string to) => File.Move(PathOf(from), PathOf(to));

    private string PathOf(string name) => Path.Combine(_directory, name);
}
