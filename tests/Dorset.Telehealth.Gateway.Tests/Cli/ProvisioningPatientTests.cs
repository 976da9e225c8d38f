using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Patients;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.TestSupport;

namespace Dorset.Telehealth.Gateway.Tests.Cli;

/// <summary>`units add`, `provision` and `units revoke` with the patient's name and NHS number, as processes.</summary>
public sealed class ProvisioningPatientTests
{
    [Fact]
    public async Task UnitsAdd_WithNameAndNhsNumber_RegistersThePatient_AndAuditsTheCliUser()
    {
        using var dir = new TempDirectory();

        var (code, stdout, _) = await GatewayProcess.RunAsync("units", "add", "--host", "127.0.0.1", "--id", "unit-1", "--patient-ref", "P-1", "--patient-name", "Jane Doe",
            "--nhs-number", "943 476 5919", "--data-dir", dir.Path);

        Assert.Equal(0, code);
        Assert.Contains("P-1 (Jane Doe, NHS number 943 476 5919)", stdout, StringComparison.Ordinal);
        var database = new GatewayDatabase(Path.Combine(dir.Path, "gateway.db"));
        Assert.Equal(new PatientRecord("P-1", "Jane Doe", "9434765919"), new PatientRegistry(database).Find("P-1"));
        Assert.True(new UnitRegistry(database).VerifyCredentials("unit-1", GatewayProcess.SecretFrom(stdout)));
        Assert.All(AuditLog.Read(database, null, 10), a => Assert.Equal("cli:" + Environment.UserName, a.Actor));
        Assert.Equal(new[] { "patient.register", "unit.provision" }, AuditLog.Read(database, null, 10).Select(a => a.Action).Order().ToArray());
    }

    [Theory]
    [InlineData("units", "add", "--host", "127.0.0.1", "--id")]
    [InlineData("provision", "--host", "127.0.0.1", "--port", "/dev/ttyUSB0", "--unit")]
    public async Task InvalidNhsNumber_IsRefusedOnOneLine_WithTheRefusedExitCode_AndRegistersNothing(params string[] verb)
    {
        using var dir = new TempDirectory();

        var (code, stdout, stderr) = await GatewayProcess.RunAsync([.. verb, "unit-1", "--patient-ref", "P-1", "--patient-name", "Jane Doe",
            "--nhs-number", "943 476 5918", "--data-dir", dir.Path]);

        Assert.Equal(2, code);
        Assert.Equal("refused: NHS number 943 476 5918 is not valid: its check digit is wrong (mistyped?)", stderr.Trim());
        Assert.DoesNotContain("secret: ", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("nanoff", stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "provisioning")));
        var database = new GatewayDatabase(Path.Combine(dir.Path, "gateway.db"));
        Assert.Null(new UnitRegistry(database).Find("unit-1"));
        Assert.Null(new PatientRegistry(database).Find("P-1"));
    }

    [Fact]
    public async Task NameWithoutPatientReference_IsRefused()
    {
        using var dir = new TempDirectory();

        var (code, stdout, stderr) = await GatewayProcess.RunAsync("units", "add", "--host", "127.0.0.1", "--id", "unit-1", "--patient-name", "Jane Doe", "--data-dir", dir.Path);

        Assert.Equal(2, code);
        Assert.Equal("refused: a display name or NHS number needs the patient reference it belongs to", stderr.Trim());
        Assert.Empty(stdout.Trim());
    }

    [Fact]
    public async Task Provision_WithPatient_RegistersThemAndPrintsTheFlashingLines()
    {
        using var dir = new TempDirectory();

        var (code, stdout, _) = await GatewayProcess.RunAsync("provision", "--host", "127.0.0.1", "--unit", "unit-2", "--port", "/dev/ttyUSB0", "--patient-ref", "P-2",
            "--patient-name", "John Roe", "--nhs-number", "4010232137", "--data-dir", dir.Path);

        Assert.Equal(0, code);
        Assert.Contains("nanoff --target ESP32_BLE_REV0 --serialport /dev/ttyUSB0 --update", stdout, StringComparison.Ordinal);
        var database = new GatewayDatabase(Path.Combine(dir.Path, "gateway.db"));
        Assert.Equal(new PatientRecord("P-2", "John Roe", "4010232137"), new PatientRegistry(database).Find("P-2"));
    }

    [Fact]
    public async Task UnitsRevoke_IsAuditedAsTheCliUser()
    {
        using var dir = new TempDirectory();
        await GatewayProcess.RunAsync("units", "add", "--host", "127.0.0.1", "--id", "unit-3", "--data-dir", dir.Path);

        var (code, _, _) = await GatewayProcess.RunAsync("units", "revoke", "unit-3", "--data-dir", dir.Path);

        Assert.Equal(0, code);
        var revoke = AuditLog.Read(new GatewayDatabase(Path.Combine(dir.Path, "gateway.db")), "unit:unit-3", 10).First();
        Assert.Equal(("unit.revoke", "cli:" + Environment.UserName), (revoke.Action, revoke.Actor));
    }
}
