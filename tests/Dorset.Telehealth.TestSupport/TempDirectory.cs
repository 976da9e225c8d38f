using System;
using System.IO;

namespace Dorset.Telehealth.TestSupport;

/// <summary>A fresh directory under the system's temporary folder, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>Creates it; <paramref name="prefix"/> tells whose it was when one is left behind.</summary>
    public TempDirectory(string prefix = "dorset-")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path);
    }

    /// <summary>The directory.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        // SQLite may still be closing pooled connections (and removing -wal/-shm files) for a moment: retry briefly.
        for (int attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                if (Directory.Exists(Path))
                {
                    Directory.Delete(Path, recursive: true);
                }

                return;
            }
            catch (IOException)
            {
                System.Threading.Thread.Sleep(100);
            }
            catch (UnauthorizedAccessException)
            {
                return;
            }
        }
    }
}
