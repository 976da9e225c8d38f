using System.Collections.Generic;
using System.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Dorset.Telehealth.Cloud.Smart;

/// <summary>
/// GET {fhir base}/.well-known/smart-configuration (SMART App Launch 2.x "Conformance"): how a backend service gets a
/// token here. Also at the root, where some clients look first. Unauthenticated: it holds no patient data.
/// </summary>
public static class SmartConfigurationApi
{
    /// <summary>The scopes a client may be registered for: SMART v2 system scopes of what the FHIR API serves.</summary>
    public static IReadOnlyList<string> ScopesSupported { get; } = new[]
    {
        "system/Observation.rs", "system/Observation.r", "system/Observation.s",
        "system/Patient.r", "system/DetectedIssue.rs", "system/Device.r", "system/Subscription.crd",
    };

    /// <summary>Maps the document at both places.</summary>
    public static IEndpointRouteBuilder MapSmartConfiguration(this IEndpointRouteBuilder app)
    {
        foreach (string path in new[] { "/fhir/.well-known/smart-configuration", "/.well-known/smart-configuration" })
        {
            app.MapGet(path, (HttpContext context, IOptions<SmartOptions> options) => TypedResults.Json(Document(context, options.Value)))
                .AllowAnonymous().WithTags("SMART").WithSummary("SMART configuration: the token endpoint and what it accepts");
        }

        return app;
    }

    private static Dictionary<string, object> Document(HttpContext context, SmartOptions options) => new()
    {
        ["token_endpoint"] = SmartEndpoints.TokenUrl(context, options),
        ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
        ["token_endpoint_auth_signing_alg_values_supported"] = ClientAssertionValidator.Algorithms.ToArray(),
        ["grant_types_supported"] = new[] { "client_credentials" },
        ["scopes_supported"] = ScopesSupported,
        ["capabilities"] = new[] { "client-confidential-asymmetric", "permission-v2" },
    };
}
