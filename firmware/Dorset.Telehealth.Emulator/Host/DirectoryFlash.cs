using System;
using System.IO;
using Dorset.Telehealth.HomeUnit.Storage;

namespace Dorset.Telehealth.Emulator.Host;

/// <summary>
/// A directory standing in for the unit's flash. Every write is flushed to disk (fsync) before it returns, as the
/// <see cref="IFlashStorage"/> contract promises, so a SIGKILLed emulator recovers like a unit after a power cut.
/// The flash holds the unit's MQTT secret and its patient's readings, so on Unix the folder is the owner's alone
/// (0700) and every file is created 0600, as a board's flash is readable by nobody but its firmware.
/// </summary>
public sealed class DirectoryFlash : IFlashStorage
{
    private readonly string _directory;

    public DirectoryFlash(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, OwnerOnlyFolder);
            File.SetUnixFileMode(directory, OwnerOnlyFolder);
        }

        _directory = directory;
    }

    public bool Exists(string name) => File.Exists(PathOf(name));

    public byte[] ReadAll(string name) => File.Exists(PathOf(name)) ? File.ReadAllBytes(PathOf(name)) : null!;

    public void Append(string name, byte[] data, int offset, int count)
    {
        using var stream = new FileStream(PathOf(name), OwnerOnly(FileMode.Append));
        stream.Write(data, offset, count);
        stream.Flush(flushToDisk: true);
    }

    public void Write(string name, byte[] data)
    {
        using var stream = new FileStream(PathOf(name), OwnerOnly(FileMode.Create));
        stream.Write(data);
        stream.Flush(flushToDisk: true);
    }

    public void Delete(string name) => File.Delete(PathOf(name));

    public void Move(string from, string to) => File.Move(PathOf(from), PathOf(to));

    private string PathOf(string name) => Path.Combine(_directory, name);

    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static FileStreamOptions OwnerOnly(FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }
}
