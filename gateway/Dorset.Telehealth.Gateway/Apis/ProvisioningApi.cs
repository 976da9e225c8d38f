using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Provisioning;
using Dorset.Telehealth.Gateway.StaffConsole;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Dorset.Telehealth.Gateway.Apis;

/// <summary>
/// Provisioning and revocation for scripts with an admin's console session: the same service, checks and audit as the
/// Provisioning page and the `units add` / `units revoke` verbs. The secret is in the answer to the POST only.
/// </summary>
public static class ProvisioningApi
{
    /// <summary>Maps the routes (admins only).</summary>
    public static IEndpointRouteBuilder MapProvisioningApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapApiGroup("api/units", "Units").RequireAuthorization(ConsolePolicies.Admin);
        api.MapPost("/", Provision).WithName("ProvisionUnit")
            .WithSummary("Registers a unit for a patient from {\"unitId\", \"patientRef\", \"displayName\", \"nhsNumber\"}; 201 with its secret, shown this once.");
        api.MapPost("/{unitId}/revoke", Revoke).WithName("RevokeUnit").WithSummary("Refuses the unit from now on; 404 when no active unit has that id.");
        return app;
    }

    /// <summary>Provisions a unit.</summary>
    public static async Task<Results<Created<ProvisionedUnit>, BadRequest<string>>> Provision(HttpContext http, UnitProvisioning provisioning,
        IOptions<GatewayOptions> gateway, IOptions<BrokerOptions> broker)
    {
        if (ProvisioningReadiness.Check(gateway.Value, broker.Value, hostFlag: null).Problem is { } unreachable)
        {
            return TypedResults.BadRequest(unreachable);
        }

        UnitRequest? request = await ApiJson.ReadAsync<UnitRequest>(http).ConfigureAwait(false);
        if (request == null || string.IsNullOrWhiteSpace(request.UnitId))
        {
            return TypedResults.BadRequest("the body must be JSON {\"unitId\": \"...\", \"patientRef\": \"...\", \"displayName\": \"...\", \"nhsNumber\": \"...\"} with Content-Type application/json");
        }

        var (unit, problem) = provisioning.Provision(request, http.User.Identity!.Name!);
        if (unit == null)
        {
            return TypedResults.BadRequest(problem!);
        }

        // A secret must never sit in a cache between the gateway and the script.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/units/{unit.UnitId}", unit);
    }

    /// <summary>Revokes a unit.</summary>
    public static Results<NoContent, NotFound<string>> Revoke(HttpContext http, UnitProvisioning provisioning, string unitId) =>
        provisioning.Revoke(unitId, http.User.Identity!.Name!) ? TypedResults.NoContent() : TypedResults.NotFound($"no active unit {unitId}");
}
