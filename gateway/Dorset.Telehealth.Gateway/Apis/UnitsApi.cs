using System.Collections.Generic;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Dorset.Telehealth.Gateway.Apis;

/// <summary>api/units: what the console's Units page shows, for scripts with a console session.</summary>
public static class UnitsApi
{
    /// <summary>Maps the group.</summary>
    public static IEndpointRouteBuilder MapUnitsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapApiGroup("api/units", "Units");
        api.MapGet("/", GetUnits).WithName("GetUnits").WithSummary("Every unit with its last status.");
        api.MapGet("/{unitId}", GetUnit).WithName("GetUnit").WithSummary("One unit.");
        return app;
    }

    /// <summary>All units.</summary>
    public static Ok<IReadOnlyList<UnitRecord>> GetUnits(UnitRegistry registry) => TypedResults.Ok(registry.List());

    /// <summary>One unit.</summary>
    public static Results<Ok<UnitRecord>, NotFound> GetUnit(UnitRegistry registry, string unitId)
    {
        UnitRecord? unit = registry.Find(unitId);
        return unit == null ? TypedResults.NotFound() : TypedResults.Ok(unit);
    }
}
