using Microsoft.AspNetCore.Http;

namespace Dorset.Telehealth.Cloud.Smart;

/// <summary>Where the SMART endpoints are, as clients address them.</summary>
public static class SmartEndpoints
{
    /// <summary>The token endpoint's path.</summary>
    public const string TokenPath = "/auth/token";

    /// <summary>The token endpoint's absolute URL: what a client assertion's aud must be.</summary>
    public static string TokenUrl(HttpContext context, SmartOptions options) => PublicBase(context, options) + TokenPath;

    /// <summary>The FHIR base URL clients use.</summary>
    public static string FhirBase(HttpContext context, SmartOptions options) => PublicBase(context, options) + "/fhir";

    private static string PublicBase(HttpContext context, SmartOptions options) =>
        options.PublicBaseUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
}
