using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Gateway.Tests.Cli;

/// <summary>
/// `provision --out DIR` (issue 13 item 11): each bundle gets a new folder of its own, DIR/ID-bundle; a folder that
/// already holds files is refused before anything is registered; the printed delete command removes only what the
/// verb wrote, and running it leaves the user's own files alone.
/// </summary>
public sealed class ProvisionBundleFolderTests
{
    [Fact]
    public async Task Out_AFolderHoldingTheUsersFiles_GetsTheBundleInANewFolder_AndItsDeleteLineLeavesTheirFilesAlone()
    {
        using var dir = new TempDirectory();
        string theirs = Path.Combine(dir.Path, "work");
        Directory.CreateDirectory(theirs);
        File.WriteAllText(Path.Combine(theirs, "notes.txt"), "the user's own file");

        var (code, stdout, _) = await Provision("unit-1", "--out", theirs, "--data-dir", Path.Combine(dir.Path, "data"));

        Assert.Equal(0, code);
        string bundle = Path.Combine(theirs, "unit-1-bundle");
        Assert.Equal(["deploy.json", "hub-ca.pem", "unit-config.json"], Directory.GetFiles(bundle).Select(Path.GetFileName).Order());
        string delete = DeleteLine(stdout);
        Assert.DoesNotContain($"rm -r {theirs}", stdout, StringComparison.Ordinal);

        var (shell, _, error) = await Shell(delete, dir.Path);

        Assert.Equal(0, shell);
        Assert.Empty(error);
        Assert.False(Directory.Exists(bundle));
        Assert.Equal("the user's own file", File.ReadAllText(Path.Combine(theirs, "notes.txt")));
    }

    [Fact]
    public async Task OutDot_PutsTheBundleInANewFolderHere_AndNeverPrintsTheCurrentFolderToDelete()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(Path.Combine(dir.Path, "notes.txt"), "the user's own file");

        using var process = ChildProcess.Start("dotnet", [GatewayProcess.AssemblyPath, "provision", "--host", "127.0.0.1", "--unit", "unit-2",
            "--port", "/dev/ttyUSB0", "--out", ".", "--data-dir", Path.Combine(dir.Path, "data")], workingDirectory: dir.Path);
        int code = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, code);
        string bundle = Path.Combine(dir.Path, "unit-2-bundle");
        Assert.True(File.Exists(Path.Combine(bundle, "unit-config.json")));
        string delete = DeleteLine(process.StandardOutput);
        Assert.Equal($"(cd {bundle} && rm -f unit-config.json hub-ca.pem deploy.json) && rmdir {bundle}", delete);
        Assert.DoesNotContain($"rm -r {dir.Path}\n", process.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("rm -r .", process.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondProvision_IntoTheSameOut_KeepsTheFirstUnitsConfigAsItWas()
    {
        using var dir = new TempDirectory();
        string data = Path.Combine(dir.Path, "data");
        await Provision("unit-3", "--out", dir.Path, "--data-dir", data);
        byte[] first = File.ReadAllBytes(Path.Combine(dir.Path, "unit-3-bundle", "unit-config.json"));

        var (code, _, _) = await Provision("unit-4", "--out", dir.Path, "--data-dir", data);

        Assert.Equal(0, code);
        Assert.Equal(first, File.ReadAllBytes(Path.Combine(dir.Path, "unit-3-bundle", "unit-config.json")));
        Assert.Contains("\"unitId\": \"unit-4\"", File.ReadAllText(Path.Combine(dir.Path, "unit-4-bundle", "unit-config.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BundleFolderThatAlreadyHoldsFiles_IsRefusedOnOneLine_AndRegistersNothing()
    {
        using var dir = new TempDirectory();
        string data = Path.Combine(dir.Path, "data");
        string taken = Path.Combine(dir.Path, "unit-5-bundle");
        Directory.CreateDirectory(taken);
        File.WriteAllText(Path.Combine(taken, "unit-config.json"), "an earlier unit's config");

        var (code, stdout, stderr) = await Provision("unit-5", "--out", dir.Path, "--data-dir", data);

        Assert.Equal(2, code);
        Assert.Contains($"{taken} already holds files", Assert.Single(stderr.Trim().Split('\n')), StringComparison.Ordinal);
        Assert.DoesNotContain("secret: ", stdout, StringComparison.Ordinal);
        Assert.Equal("an earlier unit's config", File.ReadAllText(Path.Combine(taken, "unit-config.json")));
        Assert.Null(new UnitRegistry(new GatewayDatabase(Path.Combine(data, "gateway.db"))).Find("unit-5"));
    }

    private static Task<(int Code, string Stdout, string Stderr)> Provision(string unit, params string[] more) =>
        GatewayProcess.RunAsync(["provision", "--host", "127.0.0.1", "--unit", unit, "--port", "/dev/ttyUSB0", .. more]);

    // The command provision prints for deleting the bundle: the first line after its "delete it" comment.
    private static string DeleteLine(string stdout)
    {
        string[] lines = stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        int comment = Array.FindIndex(lines, l => l.StartsWith('#') && l.Contains("delete it", StringComparison.Ordinal));
        Assert.True(comment >= 0 && comment + 1 < lines.Length, stdout);
        return lines[comment + 1];
    }

    private static async Task<(int Code, string Stdout, string Stderr)> Shell(string line, string workingDirectory)
    {
        using var process = ChildProcess.Start("/bin/sh", ["-c", line], workingDirectory: workingDirectory);
        int code = await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        return (code, process.StandardOutput, process.StandardError);
    }
}
