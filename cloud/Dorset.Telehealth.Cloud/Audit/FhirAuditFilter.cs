using System.Threading.Tasks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Dorset.Telehealth.Cloud.Audit;

/// <summary>
/// Audits every FHIR interaction that reached its handler (refusals before it are audited by the authentication
/// handler). The record is written after the handler chose its answer and before the answer is sent: if the audit
/// cannot be written the request fails (503 for a store fault), so no patient data leaves unaudited.
/// </summary>
public sealed class FhirAuditFilter : IEndpointFilter
{
    /// <inheritdoc/>
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        object? result = await next(context);
        HttpContext http = context.HttpContext;
        // The CapabilityStatement is public and names no patient: nothing to audit.
        if (http.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() == null)
        {
            int status = result is IStatusCodeHttpResult { StatusCode: int code } ? code : StatusCodes.Status200OK;
            await http.RequestServices.GetRequiredService<FhirAuditWriter>().WriteAsync(http, status);
        }

        return result;
    }
}
