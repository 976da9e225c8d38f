using System;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Provisioning;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Dorset.Telehealth.Gateway.Tests.StaffConsole;

/// <summary>The Patients page finds a patient as staff know them: by name, NHS number (as read out or as typed) or unit.</summary>
public sealed class PatientSearchTests
{
    [Theory]
    [InlineData("jane", "Jane Doe")]
    [InlineData("943 476 5919", "Jane Doe")]
    [InlineData("9434765919", "Jane Doe")]
    [InlineData("401023", "John Roe")]
    [InlineData("unit-b", "John Roe")]
    [InlineData("P-1", "Jane Doe")]
    public async Task Search_FindsThePatientByNameNhsNumberReferenceOrUnit_AndShowsTheirNhsNumber(string query, string expected)
    {
        await using var host = ProvisioningPageTests.StartWithAccounts();
        var provisioning = host.Host.Services.GetRequiredService<UnitProvisioning>();
        Assert.Null(provisioning.Provision(new UnitRequest("unit-a", "P-1", "Jane Doe", "9434765919"), "admin.a").Problem);
        Assert.Null(provisioning.Provision(new UnitRequest("unit-b", "P-2", "John Roe", "4010232137"), "admin.a").Problem);
        using var nurse = await ProvisioningPageTests.LoginAsync(host, "nurse.jones");

        var (_, html, _) = await nurse.GetAsync("/patients?q=" + Uri.EscapeDataString(query));

        Assert.Contains("1 patient(s)", html, StringComparison.Ordinal);
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.Contains(expected == "Jane Doe" ? "943 476 5919" : "401 023 2137", html, StringComparison.Ordinal);
        Assert.DoesNotContain(expected == "Jane Doe" ? "John Roe" : "Jane Doe", html, StringComparison.Ordinal);
    }
}
