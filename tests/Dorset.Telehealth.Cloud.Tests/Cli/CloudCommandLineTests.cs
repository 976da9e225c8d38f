using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Cli;
using Dorset.Telehealth.Cloud.Storage;
using Dorset.Telehealth.Cloud.Tests.Fixtures;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Cloud.Tests.Cli;

public sealed class CloudCommandLineTests
{
    [Fact]
    public async Task GatewaysAdd_PrintsSecretOnceThatAuthenticatesUntilRevoked()
    {
        using var dir = new TempDirectory();
        var (code, output, _) = await RunAsync("gateways", "add", "--id", "gw-poole", "--hub", "poole", "--data-dir", dir.Path);
        string secret = output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("dgw_", StringComparison.Ordinal));
        await using var app = new CloudApp(o => o.DataDirectory = dir.Path);

        var accepted = await app.PostAsync(secret, "gw-poole", Batches.Glucose("unit-p", 1));
        var (revokeCode, revokeOutput, _) = await RunAsync("gateways", "revoke", "gw-poole", "--data-dir", dir.Path);
        var refused = await app.PostAsync(secret, "gw-poole", Batches.Glucose("unit-p", 2));
        var (_, list, _) = await RunAsync("gateways", "list", "--data-dir", dir.Path);

        Assert.Equal(0, code);
        Assert.Equal(200, accepted.Status);
        Assert.Equal(0, revokeCode);
        Assert.Contains("revoked", revokeOutput, StringComparison.Ordinal);
        Assert.Equal(401, refused.Status);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, File.ReadAllText(Path.Combine(dir.Path, "cloud.db"), System.Text.Encoding.Latin1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadersAdd_PrintsSecretOnceThatReadsFhirUntilRevoked()
    {
        using var dir = new TempDirectory();

        var (code, output, _) = await RunAsync("readers", "add", "--id", "dch-ehr", "--name", "Dorset County Hospital EHR", "--data-dir", dir.Path);
        string secret = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
        await using var app = new CloudApp(o => o.DataDirectory = dir.Path);
        app.Fhir.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);

        using var allowed = await app.Fhir.GetAsync("/fhir/Patient/9434765919");
        var (revokeCode, revokeOutput, _) = await RunAsync("readers", "revoke", "dch-ehr", "--data-dir", dir.Path);
        using var refused = await app.Fhir.GetAsync("/fhir/Patient/9434765919");
        var (unknownCode, _, unknownError) = await RunAsync("readers", "revoke", "no-such-reader", "--data-dir", dir.Path);

        Assert.Equal(0, code);
        Assert.StartsWith("dfr_", secret, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, allowed.StatusCode);
        Assert.Equal(0, revokeCode);
        Assert.Contains("Reader dch-ehr revoked.", revokeOutput, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(2, unknownCode);
        Assert.Contains("no reader 'no-such-reader'", unknownError, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, File.ReadAllText(Path.Combine(dir.Path, "cloud.db"), System.Text.Encoding.Latin1), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9434765918", "check digit is 8, modulus 11 of the first nine digits requires 9")]
    [InlineData("12345", "an NHS number has 10 digits, got 5 characters")]
    public async Task PatientsAdd_InvalidNhsNumber_RefusedWithReason(string nhs, string reason)
    {
        using var dir = new TempDirectory();

        var (code, _, error) = await RunAsync("patients", "add", "--nhs-number", nhs, "--name", "Ann Example", "--data-dir", dir.Path);

        Assert.Equal(2, code);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnitsAssign_ValidPatient_AssignsAndRefusesOverlap()
    {
        using var dir = new TempDirectory();
        await RunAsync("patients", "add", "--nhs-number", "943 476 5919", "--name", "Ann Example", "--data-dir", dir.Path);
        await RunAsync("patients", "add", "--nhs-number", "4010232137", "--name", "Bob Example", "--data-dir", dir.Path);

        var first = await RunAsync("units", "assign", "--unit", "unit-9", "--patient", "9434765919", "--from", "2026-01-01", "--hub", "poole", "--data-dir", dir.Path);
        var backdated = await RunAsync("units", "assign", "--unit", "unit-9", "--patient", "4010232137", "--from", "2025-12-01", "--data-dir", dir.Path);
        var reissued = await RunAsync("units", "assign", "--unit", "unit-9", "--patient", "4010232137", "--from", "2026-06-01T09:00:00Z", "--data-dir", dir.Path);

        Assert.Equal(0, first.Code);
        Assert.Equal(2, backdated.Code);
        Assert.Contains("cannot overlap", backdated.Error, StringComparison.Ordinal);
        Assert.Equal(0, reissued.Code);
        Assert.Contains("9434765919", reissued.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GatewaysAdd_PostgresFlag_WritesToPostgres()
    {
        PostgresServer server = await PostgresServer.GetAsync();
        string cs = await server.CreateDatabaseAsync();

        var (code, output, _) = await RunAsync("gateways", "add", "--id", "gw-pg", "--hub", "weymouth", "--postgres", cs);

        Assert.Equal(0, code);
        await using var store = new PostgresCloudStore(cs);
        string secret = output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("dgw_", StringComparison.Ordinal));
        Assert.Equal(new GatewayIdentity("gw-pg", "weymouth"), await store.FindGatewayBySecretHashAsync(Dorset.Telehealth.Cloud.Registry.BearerSecret.Hash(secret)));
    }

    [Fact]
    public async Task PatientsAdd_AsProcess_ExitCodeAndReasonOnStderr()
    {
        using var dir = new TempDirectory();
        using ChildProcess process = ChildProcess.StartDotnet(CloudBinary.Path, new[] { "patients", "add", "--nhs-number", "9434765918", "--name", "X", "--data-dir", dir.Path });

        int code = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, code);
        Assert.Contains("refused: invalid NHS number '9434765918': check digit is 8", process.StandardError, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await CloudCommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
