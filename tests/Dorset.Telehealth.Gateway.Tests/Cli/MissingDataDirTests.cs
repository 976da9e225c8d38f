using System;
using System.IO;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Gateway.Tests.Cli;

/// <summary>
/// A mistyped --data-dir must not look like a quiet hub: the verbs that read or change an existing hub refuse it, and
/// only the verbs that set a hub up create the database.
/// </summary>
public sealed class MissingDataDirTests
{
    [Theory]
    [InlineData("status")]
    [InlineData("alerts", "list")]
    [InlineData("alerts", "ack", "some-id", "--by", "nurse.jones", "--note", "phoned")]
    [InlineData("patients", "show", "case-9")]
    [InlineData("patients", "set", "case-9", "spo2Scale=2", "--by", "dr.patel")]
    [InlineData("units", "list")]
    [InlineData("units", "pair", "unit-1", "--slot", "0", "--address", "C0:26:DA:01:02:03", "--kind", "glucose-meter")]
    [InlineData("units", "revoke", "unit-1")]
    [InlineData("readings", "export", "--format", "jsonl")]
    [InlineData("users", "list")]
    [InlineData("users", "disable", "nurse.jones")]
    [InlineData("users", "reset-password", "nurse.jones")]
    public async Task VerbOnAnExistingHub_WithoutADatabase_RefusesOnOneLineAndCreatesNothing(params string[] verb)
    {
        using var parent = new TempDirectory();
        string missing = Path.Combine(parent.Path, "does-not-exist");
        string empty = Path.Combine(parent.Path, "empty");
        Directory.CreateDirectory(empty);

        var inMissing = await GatewayProcess.RunAsync([.. verb, "--data-dir", missing]);
        var inEmpty = await GatewayProcess.RunAsync([.. verb, "--data-dir", empty]);

        Assert.Equal((2, 2), (inMissing.Code, inEmpty.Code));
        Assert.Equal($"no gateway database in {missing} (is --data-dir right?)", inMissing.Stderr.Trim());
        Assert.Equal($"no gateway database in {empty} (is --data-dir right?)", inEmpty.Stderr.Trim());
        Assert.Empty(inMissing.Stdout.Trim());
        Assert.False(Directory.Exists(missing), "the mistyped data dir must not be created");
        Assert.Empty(Directory.GetFileSystemEntries(empty));
    }

    [Theory]
    [InlineData("units", "add", "--host", "127.0.0.1", "--id", "unit-1")]
    [InlineData("provision", "--host", "127.0.0.1", "--unit", "unit-1", "--port", "/dev/ttyUSB0")]
    [InlineData("users", "add", "--name", "admin.a", "--role", "admin")]
    public async Task VerbThatSetsUpAHub_OnANewDataDir_CreatesTheDatabase_AndStatusThenReadsIt(params string[] verb)
    {
        using var parent = new TempDirectory();
        string fresh = Path.Combine(parent.Path, "new-hub");

        var setUp = await GatewayProcess.RunAsync([.. verb, "--data-dir", fresh]);
        var status = await GatewayProcess.RunAsync("status", "--data-dir", fresh);

        Assert.Equal(0, setUp.Code);
        Assert.True(File.Exists(Path.Combine(fresh, "gateway.db")));
        Assert.Equal(0, status.Code);
        Assert.Contains("open alerts (0)", status.Stdout, StringComparison.Ordinal);
    }
}
