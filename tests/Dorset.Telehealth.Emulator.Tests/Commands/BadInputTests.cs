using System;
using System.IO;
using System.Threading.Tasks;

namespace Dorset.Telehealth.Emulator.Tests.Commands;

/// <summary>
/// Bad command-line input to `unit` and `fleet`, on the real executable: exit code 2, nothing on stdout, and one line
/// on stderr that names the option and what it needs, never a stack trace.
/// </summary>
public sealed class BadInputTests
{
    private static readonly string[] Unit = ["unit", "--broker", "127.0.0.1:1", "--unit-id", "unit-0001", "--state-dir", "no-such-dir", "--password", "unit-0001-secret-0123"];

    [Theory]
    [InlineData("--password", "short-secret", "unit: --password must be at least 16 characters (the unit's secret from `units add`)")]
    [InlineData("--unit-id", "unit/0001", "unit: --unit-id must be 1..64 characters of A-Z a-z 0-9 _ -")]
    [InlineData("--glucose", "-1", "unit: --glucose must be 0..100000")]
    [InlineData("--broker", "localhost", "unit: --broker must be HOST:PORT with a port 1..65535")]
    [InlineData("--ca", "/no/such/hub-ca.pem", "unit: --ca /no/such/hub-ca.pem cannot be read")]
    public async Task Unit_BadValue_IsOneLineNamingTheOption(string option, string value, string line)
    {
        await AssertRefusedAsync(UnitWith(option, value), line);
    }

    [Fact]
    public async Task Unit_TlsWithoutCa_IsOneLineNamingTheOption()
    {
        await AssertRefusedAsync([.. Unit, "--tls"], "unit: --tls needs --ca FILE (the hub CA to trust)");
    }

    [Fact]
    public async Task Unit_CaThatIsNotACertificate_IsOneLineNamingTheOption()
    {
        string notPem = Path.GetTempFileName();
        File.WriteAllText(notPem, "not a certificate");

        await AssertRefusedAsync(UnitWith("--ca", notPem), $"unit: --ca {notPem} is not a PEM certificate");
        File.Delete(notPem);
    }

    [Fact]
    public async Task Unit_ValueOfTheWrongType_IsOneLineFromTheParser()
    {
        using var emulator = EmulatorProcess.Start(UnitWith("--glucose", "many"));

        Assert.Equal(2, await emulator.WaitForExitAsync(EmulatorProcess.Timeout));
        string line = Assert.Single(emulator.StandardError.TrimEnd().Split('\n'));
        Assert.StartsWith("emulator: ", line, StringComparison.Ordinal);
        Assert.Contains("--glucose", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fleet_CredentialWithAShortSecret_IsOneLineNamingTheEntry()
    {
        string credentials = Path.GetTempFileName();
        File.WriteAllText(credentials, "unit-0001 unit-0001-secret-0123\nunit-0002 short\n");

        await AssertRefusedAsync(["fleet", "--broker", "127.0.0.1:1", "--credentials", credentials, "--state-dir", "no-such-dir"],
            "fleet: --credentials entry 2 (unit-0002): the secret must be at least 16 characters (the unit's secret from `units add`)");
        File.Delete(credentials);
    }

    [Fact]
    public async Task Fleet_MissingCredentialsFile_IsOneLineNamingTheOption()
    {
        using var emulator = EmulatorProcess.Start(["fleet", "--broker", "127.0.0.1:1", "--credentials", "/no/such/credentials", "--state-dir", "no-such-dir"]);

        Assert.Equal(2, await emulator.WaitForExitAsync(EmulatorProcess.Timeout));
        Assert.StartsWith("fleet: --credentials: ", Assert.Single(emulator.StandardError.TrimEnd().Split('\n')), StringComparison.Ordinal);
        Assert.Equal("", emulator.StandardOutput);
    }

    [Theory]
    [InlineData("--unit-clock", "sometimes", "fleet: --unit-clock must be synced, unset or wrong")]
    [InlineData("--release-seconds", "-1", "fleet: --release-seconds must be 0..604800")]
    public async Task Fleet_BadClockOrPace_IsOneLineNamingTheOption(string option, string value, string line)
    {
        await AssertRefusedAsync(["fleet", "--broker", "127.0.0.1:1", "--credentials", "/no/such/credentials", "--state-dir", "no-such-dir", option, value], line);
    }

    /// <summary>A `unit` command line that is valid but for <paramref name="option"/> (--ca comes with --tls).</summary>
    private static string[] UnitWith(string option, string value)
    {
        var args = new System.Collections.Generic.List<string>(Unit);
        int at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange(option == "--ca" ? ["--tls", option, value] : [option, value]);
        }

        return [.. args];
    }

    private static async Task AssertRefusedAsync(string[] args, string line)
    {
        using var emulator = EmulatorProcess.Start(args);

        Assert.Equal(2, await emulator.WaitForExitAsync(EmulatorProcess.Timeout));
        Assert.Equal("", emulator.StandardOutput);
        Assert.Equal(line, emulator.StandardError.TrimEnd());
    }
}
