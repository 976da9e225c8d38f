using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Dorset.Telehealth.Gateway.Provisioning;

/// <summary>
/// The new folder of its own a CLI bundle is written into, PARENT/ID-bundle (<see cref="ProvisioningBundle.FolderName"/>).
/// A bundle holds the unit's secret, shown only once: it never lands in a folder that already holds files (the user's,
/// or another unit's bundle), no file of it is ever written over, and its delete command names only what it wrote.
/// </summary>
public sealed class BundleFolder
{
    // The outermost folder this claim created (the bundle's, or a parent it needed too), or null.
    private readonly string? _createdRoot;

    private BundleFolder(string path, string? createdRoot)
    {
        Path = path;
        _createdRoot = createdRoot;
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>
    /// Takes PARENT/ID-bundle for <paramref name="unitId"/>, creating it (and PARENT), before the unit is registered:
    /// the folder, or the one-line problem. An empty folder of that name is taken as it is.
    /// </summary>
    /// <exception cref="IOException">The parent cannot be created or read.</exception>
    /// <exception cref="UnauthorizedAccessException">The user may not write there.</exception>
    public static (BundleFolder? Folder, string? Problem) Claim(string parent, string unitId)
    {
        string path = System.IO.Path.GetFullPath(System.IO.Path.Combine(parent, ProvisioningBundle.FolderName(unitId)));
        if (File.Exists(path))
        {
            return (null, $"{path} is a file: the bundle goes into a new folder of that name (choose another --out)");
        }

        bool exists = Directory.Exists(path);
        if (exists && Directory.EnumerateFileSystemEntries(path).Any())
        {
            return (null, $"{path} already holds files: a bundle is written only into a new folder of its own, so that no unit's config is overwritten (move them, or choose another --out)");
        }

        string? createdRoot = null;
        for (string? missing = path; missing != null && !Directory.Exists(missing); missing = System.IO.Path.GetDirectoryName(missing))
        {
            createdRoot = missing;
        }

        Directory.CreateDirectory(path);
        return (new BundleFolder(path, createdRoot), null);
    }

    /// <summary>
    /// Gives the folder back when the unit was refused: the folders this claim made are removed while they are empty,
    /// so a refused request leaves nothing behind.
    /// </summary>
    public void Release()
    {
        if (_createdRoot == null)
        {
            return;
        }

        for (string? folder = Path; folder != null && folder.Length >= _createdRoot.Length; folder = System.IO.Path.GetDirectoryName(folder))
        {
            if (!Directory.Exists(folder) || Directory.EnumerateFileSystemEntries(folder).Any())
            {
                return;
            }

            Directory.Delete(folder);
        }
    }

    /// <summary>
    /// Writes <paramref name="files"/> (the config owner-only, 0600, from its first byte) and their nanoff deployment
    /// list; never over an existing file. Returns the config file's path.
    /// </summary>
    public string Write(IReadOnlyList<BundleFile> files)
    {
        foreach (BundleFile file in files.Append(FileDeploymentList.For(files)))
        {
            string path = System.IO.Path.Combine(Path, file.Name);
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            if (file.HoldsSecret && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            stream.Write(file.Content);
        }

        return System.IO.Path.Combine(Path, ProvisioningBundle.ConfigFile);
    }
}
