using System;
using System.Linq;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Accounts;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Storage;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Dorset.Telehealth.Gateway.Tests.StaffConsole;

/// <summary>
/// Provisioning over the JSON API (issue 11: "a staff account cannot reach provisioning or its API"): an admin's
/// session registers a unit whose secret really connects, audited under the admin's name; a staff session is refused
/// and registers nothing.
/// </summary>
public sealed class ProvisioningApiTests
{
    [Fact]
    public async Task AnAdmin_ProvisionsAUnitWhoseSecretConnects_AndRevokesIt_BothAudited()
    {
        await using var host = new GatewayHost(settings: ProvisioningPageTests.LoopbackHubAddress);
        using var admin = await host.StartApiSessionAsync("admin.smith", HubRoles.Admin);

        var created = await admin.PostAsJsonAsync("/api/units", new { unitId = "unit-0042", patientRef = "case-42", displayName = "Ada Lovelace", nhsNumber = "943 476 5919" });
        JsonElement body = await created.Content.ReadFromJsonAsync<JsonElement>();
        string secret = body.GetProperty("secret").GetString()!;
        var (client, connected) = await UnitClient.ConnectAsync(host.MqttPort, "unit-0042", secret);
        await using (client)
        {
        }

        var revoked = await admin.PostAsync("/api/units/unit-0042/revoke", null);
        var again = await admin.PostAsync("/api/units/unit-0042/revoke", null);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("no-store", created.Headers.CacheControl!.ToString());
        Assert.Equal(MQTTnet.MqttClientConnectResultCode.Success, connected);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var audit = AuditLog.Read(host.Services.GetRequiredService<GatewayDatabase>(), "unit:unit-0042", 10);
        Assert.Equal(new[] { ("unit.revoke", "admin.smith"), ("unit.provision", "admin.smith") }, audit.Select(a => (a.Action, a.Actor)));
    }

    [Fact]
    public async Task AStaffSession_IsRefusedProvisioningAndRevoking_AndNothingChanges()
    {
        await using var host = new GatewayHost(settings: ProvisioningPageTests.LoopbackHubAddress);
        host.Units.Add("unit-0001", "case-1");
        using var staff = await host.StartApiSessionAsync("nurse.jones", HubRoles.Staff);

        var provision = await staff.PostAsJsonAsync("/api/units", new { unitId = "unit-0042", patientRef = "case-42" });
        var revoke = await staff.PostAsync("/api/units/unit-0001/revoke", null);

        Assert.Equal(HttpStatusCode.Forbidden, provision.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, revoke.StatusCode);
        Assert.Null(host.Units.Find("unit-0042"));
        Assert.Null(host.Units.Find("unit-0001")!.RevokedUtc);
    }

    [Fact]
    public async Task AGatewayWithoutItsTlsListener_RefusesToProvision_SayingWhy()
    {
        await using var host = new GatewayHost(settings: new System.Collections.Generic.Dictionary<string, string?> { ["BrokerOptions:TlsPort"] = "0" });
        using var admin = await host.StartApiSessionAsync("admin.smith", HubRoles.Admin);

        var response = await admin.PostAsJsonAsync("/api/units", new { unitId = "unit-0042", patientRef = "case-42" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("could never connect", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(host.Units.List());
    }

    [Fact]
    public async Task AHubWhoseAddressForUnitsIsNotSet_RefusesToProvision_SayingHowToSetIt()
    {
        await using var host = new GatewayHost();
        using var admin = await host.StartApiSessionAsync("admin.smith", HubRoles.Admin);

        var response = await admin.PostAsJsonAsync("/api/units", new { unitId = "unit-0042", patientRef = "case-42" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("the hub's address for units is not set: set BrokerOptions:HostNames", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(host.Units.List());
    }

    [Theory]
    [InlineData("{\"unitId\": \"unit-0042\", \"patientRef\": \"case-42\", \"nhsNumber\": \"9434765918\"}", "NHS number")]
    [InlineData("{\"patientRef\": \"case-42\"}", "unitId")]
    [InlineData("not json", "unitId")]
    public async Task ABadRequest_Is400NamingTheProblem_AndRegistersNothing(string json, string named)
    {
        await using var host = new GatewayHost(settings: ProvisioningPageTests.LoopbackHubAddress);
        using var admin = await host.StartApiSessionAsync("admin.smith", HubRoles.Admin);

        var response = await admin.PostAsync("/api/units", new System.Net.Http.StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(host.Units.List());
    }
}
