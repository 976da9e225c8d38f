using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dorset.Telehealth.Cloud.Apis;

/// <summary>
/// Counts and logs every search the FHIR handlers refuse (400): a second patient or an unknown parameter under strict
/// handling may be a client fault or someone probing a proxy, and either should be seen. The path is logged, never
/// the query, which holds NHS numbers.
/// </summary>
public sealed class FhirRefusalFilter : IEndpointFilter
{
    /// <inheritdoc/>
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        object? result = await next(context);
        if (result is ContentHttpResult { StatusCode: StatusCodes.Status400BadRequest } refusal)
        {
            HttpContext http = context.HttpContext;
            http.RequestServices.GetRequiredService<CloudMetrics>().FhirRefused(StatusCodes.Status400BadRequest);
            http.RequestServices.GetRequiredService<ILogger<FhirRefusalFilter>>()
                .LogWarning("Refused a FHIR request to {Path}: {Outcome}", http.Request.Path.Value, refusal.ResponseContent);
        }

        return result;
    }
}
