using System;
using System.IO;
using System.Text;
using Dorset.Telehealth.Emulator.Host;
using Xunit;

namespace Dorset.Telehealth.Emulator.Tests.Host;

/// <summary>
/// An emulated unit's flash folder holds its MQTT secret (unit-config.json) and its outbox of patient readings: other
/// local accounts must not read them (HAZARD-LOG H34), even where the umask would allow it.
/// </summary>
public sealed class DirectoryFlashTests : IDisposable
{
    private readonly DirectoryInfo _parent = Directory.CreateTempSubdirectory("dorset-flash-");

    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void Flash_IsAFolderOnlyItsOwnerCanOpen_AndEveryFileItWritesIsOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string folder = Path.Combine(_parent.FullName, "unit-0001");
        var flash = new DirectoryFlash(folder);

        flash.Write("unit-config.json", Encoding.UTF8.GetBytes("{\"mqtt\":{\"password\":\"secret\"}}"));
        flash.Append("outbox.log", [1, 2, 3], 0, 3);

        Assert.Equal(OwnerReadWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(Path.Combine(folder, "unit-config.json")));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(Path.Combine(folder, "outbox.log")));
    }

    [Fact]
    public void Flash_NarrowsAFolderThatAnEarlierRunLeftReadableByOthers()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string folder = Path.Combine(_parent.FullName, "unit-0002");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);

        _ = new DirectoryFlash(folder);

        Assert.Equal(OwnerReadWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
    }

    public void Dispose() => _parent.Delete(recursive: true);
}
