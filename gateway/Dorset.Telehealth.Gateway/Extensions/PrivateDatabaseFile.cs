using System;
using System.IO;

namespace Dorset.Telehealth.Hosting;

/// <summary>
/// A SQLite file of names, NHS numbers and readings kept to the service's own account: its directory 0700 and the
/// file 0600, created so before SQLite opens it, because SQLite gives the -wal and -shm files the database file's
/// mode. A hub or cloud set up before this (0755 and 0644) is narrowed the next time it opens. The cloud compiles this
/// file too (a linked source: the two services share no project).
/// </summary>
internal static class PrivateDatabaseFile
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates (or narrows) <paramref name="databasePath"/>'s directory and the file itself, and SQLite's files beside it.</summary>
    public static void Prepare(string databasePath)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string directory = Path.GetDirectoryName(Path.GetFullPath(databasePath))!;
        Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        // Only a directory that is this database's own: never a shared one such as /tmp (sticky) that a data dir was pointed at.
        if ((File.GetUnixFileMode(directory) & UnixFileMode.StickyBit) == 0)
        {
            Narrow(directory, OwnerOnlyDirectory);
        }

        new FileStream(databasePath, new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, UnixCreateMode = OwnerOnlyFile }).Dispose();
        foreach (string suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            if (File.Exists(databasePath + suffix))
            {
                Narrow(databasePath + suffix, OwnerOnlyFile);
            }
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void Narrow(string path, UnixFileMode ownerOnly)
    {
        UnixFileMode mode = File.GetUnixFileMode(path);
        if ((mode & Others) != 0)
        {
            File.SetUnixFileMode(path, mode & ~Others & (ownerOnly | UnixFileMode.StickyBit | UnixFileMode.SetGroup | UnixFileMode.SetUser));
        }
    }
}
