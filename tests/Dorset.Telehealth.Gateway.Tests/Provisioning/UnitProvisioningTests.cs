using Dorset.Telehealth.TestSupport;
using System;
using System.IO;
using System.Linq;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Patients;
using Dorset.Telehealth.Gateway.Provisioning;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Dorset.Telehealth.Gateway.Tests.Provisioning;

/// <summary>
/// The one provisioning path of the CLI and the console, on a real SQLite file: the unit, its patient's details and the
/// audit rows go in together or not at all.
/// </summary>
public sealed class UnitProvisioningTests : IDisposable
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly GatewayDatabase _database;
    private readonly UnitRegistry _units;
    private readonly PatientRegistry _patients;
    private readonly UnitProvisioning _provisioning;

    public UnitProvisioningTests()
    {
        _database = new GatewayDatabase(Path.Combine(_dir.Path, "gateway.db"));
        _units = new UnitRegistry(_database);
        _patients = new PatientRegistry(_database);
        _provisioning = new UnitProvisioning(_database, _units, new FakeTimeProvider(s_now));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public void Provision_RegistersTheUnitWithAWorkingSecret_AndThePatient_AuditedAsTheActor()
    {
        var (unit, problem) = _provisioning.Provision(new UnitRequest("unit-1", "P-1", "  Jane Doe ", "943 476 5919"), "admin.a");

        Assert.Null(problem);
        Assert.True(_units.VerifyCredentials("unit-1", unit!.Secret));
        Assert.Equal("P-1", _units.Find("unit-1")!.PatientRef);
        Assert.Equal(new PatientRecord("P-1", "Jane Doe", "9434765919"), _patients.Find("P-1"));
        Assert.Equal("943 476 5919", _patients.Find("P-1")!.NhsNumberShown);
        var audit = AuditLog.Read(_database, null, 10).Select(a => (a.Actor, a.Action, a.Subject, a.AtUtc)).ToList();
        Assert.Contains(("admin.a", "unit.provision", "unit:unit-1", s_now), audit);
        Assert.Contains(("admin.a", "patient.register", "patient:P-1", s_now), audit);
        Assert.DoesNotContain(AuditLog.Read(_database, null, 10), a => (a.NewJson ?? "").Contains(unit.Secret, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("unit-1", "P-1", "Jane Doe", "9434765918", "check digit is wrong")]
    [InlineData("unit-1", "P-1", "Jane Doe", "94347659", "must be 10 digits")]
    [InlineData("unit-1", null, "Jane Doe", null, "needs the patient reference")]
    [InlineData("unit/1", "P-1", "Jane Doe", null, "unit id 'unit/1' must be")]
    [InlineData("unit-1", "P-1", "Jane\nDoe", null, "display name must be")]
    public void Provision_InvalidRequest_IsRefusedSayingWhy_AndRegistersNothing(string unitId, string? patientRef, string? name, string? nhs, string reason)
    {
        var (unit, problem) = _provisioning.Provision(new UnitRequest(unitId, patientRef, name, nhs), "admin.a");

        Assert.Null(unit);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
        Assert.Empty(_units.List());
        Assert.Empty(_patients.List());
        Assert.Empty(AuditLog.Read(_database, null, 10));
    }

    [Fact]
    public void Provision_DuplicateUnit_LeavesNoNewPatientBehind()
    {
        _provisioning.Provision(new UnitRequest("unit-1", "P-1", "Jane Doe", null), "admin.a");

        var (unit, problem) = _provisioning.Provision(new UnitRequest("unit-1", "P-2", "John Roe", "9434765919"), "admin.a");

        Assert.Null(unit);
        Assert.Contains("already exists", problem, StringComparison.Ordinal);
        Assert.Null(_patients.Find("P-2"));
    }

    [Fact]
    public void Provision_SecondUnitForAKnownPatient_KeepsTheirDetails_FillsAMissingNumber_AndRefusesADifferentName()
    {
        _provisioning.Provision(new UnitRequest("unit-1", "P-1", "Jane Doe", null), "admin.a");

        var byReference = _provisioning.Provision(new UnitRequest("unit-2", "P-1", null, null), "admin.a");
        var withNumber = _provisioning.Provision(new UnitRequest("unit-3", "P-1", "Jane Doe", "9434765919"), "admin.b");
        var otherName = _provisioning.Provision(new UnitRequest("unit-4", "P-1", "Janet Doe", null), "admin.a");

        Assert.Null(byReference.Problem);
        Assert.Null(withNumber.Problem);
        Assert.Contains("patient P-1 is 'Jane Doe', not 'Janet Doe'", otherName.Problem, StringComparison.Ordinal);
        Assert.Null(_units.Find("unit-4"));
        Assert.Equal(new PatientRecord("P-1", "Jane Doe", "9434765919"), _patients.Find("P-1"));
        var filled = AuditLog.Read(_database, "patient:P-1", 10).First();
        Assert.Equal(("admin.b", """{"displayName":"Jane Doe","nhsNumber":null}""", """{"displayName":"Jane Doe","nhsNumber":"9434765919"}"""),
            (filled.Actor, filled.OldJson, filled.NewJson));
    }

    [Fact]
    public void Provision_NhsNumberOfAnotherPatient_IsRefused()
    {
        _provisioning.Provision(new UnitRequest("unit-1", "P-1", "Jane Doe", "9434765919"), "admin.a");

        var (unit, problem) = _provisioning.Provision(new UnitRequest("unit-2", "P-2", "John Roe", "943 476 5919"), "admin.a");

        Assert.Null(unit);
        Assert.Contains("NHS number 943 476 5919 is patient P-1's", problem, StringComparison.Ordinal);
        Assert.Null(_patients.Find("P-2"));
    }

    [Fact]
    public void Register_OnAPatientWithSettingsOnly_KeepsTheirSettings()
    {
        _units.Add("unit-1", "P-1");
        var settings = new PatientSettingsStore(_database);
        Assert.Null(settings.Set("P-1", new System.Collections.Generic.Dictionary<string, System.Text.Json.Nodes.JsonNode?> { ["spo2Scale"] = 2 }, "admin.a", s_now));

        var (_, problem) = _provisioning.Provision(new UnitRequest("unit-2", "P-1", "Jane Doe", null), "admin.a");

        Assert.Null(problem);
        Assert.Equal(2, settings.Show("P-1").Effective.Spo2Scale);
        Assert.Equal("Jane Doe", _patients.Find("P-1")!.DisplayName);
    }

    [Fact]
    public void Revoke_RefusesTheSecretFromThenOn_AuditedAsTheActor_AndOnlyOnce()
    {
        var (unit, _) = _provisioning.Provision(new UnitRequest("unit-1", null, null, null), "admin.a");

        Assert.True(_provisioning.Revoke("unit-1", "admin.b"));
        Assert.False(_provisioning.Revoke("unit-1", "admin.b"));
        Assert.False(_provisioning.Revoke("no such/unit", "admin.b"));

        Assert.False(_units.VerifyCredentials("unit-1", unit!.Secret));
        var revoked = AuditLog.Read(_database, "unit:unit-1", 10).First();
        Assert.Equal(("admin.b", "unit.revoke"), (revoked.Actor, revoked.Action));
        Assert.Single(AuditLog.Read(_database, "unit:unit-1", 10), a => a.Action == "unit.revoke");
    }
}
