using System;
using System.IO;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Gateway.Tests.Cli;

/// <summary>
/// gateway.db holds patients' names, NHS numbers and readings, and tls/ the hub CA's key: the data dir is the
/// service account's only (0700), and so are the database and SQLite's -wal and -shm (0600), new or older.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PrivateFilesTests
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Everyone = OwnerOnlyDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    [Fact]
    public async Task NewHub_ServiceRunning_DataDirDatabaseWalShmAndCaKeyAreOwnerOnly()
    {
        using var parent = new TempDirectory();
        string dataDir = Path.Combine(parent.Path, "hub");
        Assert.Equal(0, (await GatewayProcess.RunAsync("units", "add", "--host", "127.0.0.1", "--id", "unit-1", "--patient-name", "Ann Example", "--patient-ref", "p-1", "--data-dir", dataDir)).Code);
        using var service = await GatewayProcess.StartServiceAsync(dataDir, FreePort.Next(), FreePort.Next());

        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(dataDir));
        foreach (string file in new[] { "gateway.db", "gateway.db-wal", "gateway.db-shm", "tls/hub-ca.key", "tls/hub-server.pfx" })
        {
            Assert.True(File.Exists(Path.Combine(dataDir, file)), file + " missing");
            Assert.True(OwnerOnlyFile == File.GetUnixFileMode(Path.Combine(dataDir, file)), $"{file} is {File.GetUnixFileMode(Path.Combine(dataDir, file))}");
        }
    }

    [Fact]
    public async Task HubFromBefore_WithWideModes_IsNarrowedByTheNextVerb()
    {
        using var dataDir = new TempDirectory();
        Assert.Equal(0, (await GatewayProcess.RunAsync("units", "add", "--host", "127.0.0.1", "--id", "unit-1", "--data-dir", dataDir.Path)).Code);
        File.SetUnixFileMode(dataDir.Path, Everyone);
        File.SetUnixFileMode(Path.Combine(dataDir.Path, "gateway.db"), OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        Assert.Equal(0, (await GatewayProcess.RunAsync("units", "list", "--data-dir", dataDir.Path)).Code);

        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(dataDir.Path));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(dataDir.Path, "gateway.db")));
    }
}
