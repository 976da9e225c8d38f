using System;
using System.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Dorset.Telehealth.Cloud.Smart;

/// <summary>
/// The FHIR interaction a /fhir route serves, read from its route pattern, so that every route (those to come included)
/// is governed by scope without a list to keep in step: the resource type is the segment after /fhir; a GET with an id
/// is a read (r), without one a search (s); POST, PUT and DELETE are create (c), update (u) and delete (d).
/// </summary>
/// <param name="ResourceType">The resource type.</param>
/// <param name="Permission">The SMART v2 permission letter it needs.</param>
/// <param name="Name">The FHIR restful interaction: read, search-type, create, update or delete.</param>
public sealed record FhirInteraction(string ResourceType, char Permission, string Name)
{
    /// <summary>The interaction of the request's endpoint, or null when it is no FHIR resource route.</summary>
    public static FhirInteraction? Of(HttpContext context)
    {
        if (context.GetEndpoint() is not RouteEndpoint { RoutePattern: var pattern } || pattern.PathSegments.Count < 2
            || Literal(pattern.PathSegments[0]) != "fhir" || Literal(pattern.PathSegments[1]) is not { Length: > 0 } type)
        {
            return null;
        }

        bool instance = pattern.PathSegments.Skip(2).Any(s => s.IsSimple && s.Parts[0].IsParameter);
        return context.Request.Method switch
        {
            "GET" or "HEAD" => instance ? new FhirInteraction(type, 'r', "read") : new FhirInteraction(type, 's', "search-type"),
            "POST" => new FhirInteraction(type, 'c', "create"),
            "PUT" => new FhirInteraction(type, 'u', "update"),
            "DELETE" => new FhirInteraction(type, 'd', "delete"),
            _ => null,
        };
    }

    private static string? Literal(RoutePatternPathSegment segment) =>
        segment.IsSimple && segment.Parts[0] is RoutePatternLiteralPart literal ? literal.Content : null;
}
