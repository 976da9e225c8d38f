using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Dorset.Telehealth.Cloud.Apis;

/// <summary>
/// GET /fhir/metadata: the CapabilityStatement of this server, exactly what it serves (cloud/README.md
/// "CapabilityStatement"). Its search parameters come from <see cref="FhirResourceSearch"/>, the list the searches
/// themselves honour; CapabilityStatementTests holds its interactions equal to the route table.
/// </summary>
public static class FhirCapabilities
{
    private static readonly DateTimeOffset s_started = DateTimeOffset.UtcNow;

    /// <summary>The interactions of each resource type served, as mapped by <see cref="FhirApi"/>.</summary>
    private static readonly (string Type, bool Search, string Documentation)[] s_resources =
    {
        ("Observation", true, "Readings (a pulse rate of an oximeter or cuff reading as its own Observation, id {reading}-pulse) and partial NEWS2 scores (id news2-{alertId}) of one patient. Reading ids are random, not row numbers."),
        ("DetectedIssue", true, "Clinical alerts other than partial NEWS2, current revision only (meta.versionId = the alert's revision; no history)."),
        ("Patient", false, "A registered patient by NHS number."),
        ("Device", false, "A measuring device by Bluetooth address with dashes (C0-26-DA-01-02-03), as last seen in readings."),
    };

    /// <summary>Maps the statement into the FHIR group, without the reader credential it documents.</summary>
    public static RouteGroupBuilder MapCapabilities(this RouteGroupBuilder group)
    {
        // Unauthenticated, as FHIR clients expect: it holds no patient data, and a client reads from it how to authenticate.
        group.MapGet("metadata", (HttpContext context, IOptions<FhirOptions> options, IOptions<Smart.SmartOptions> smart) =>
                FhirSearch.Ok(Statement(FhirSearch.BaseUrl(context), Smart.SmartEndpoints.TokenUrl(context, smart.Value), options.Value)))
            .AllowAnonymous().WithName("Capabilities").WithSummary("The CapabilityStatement (FHIR capabilities interaction)");
        return group;
    }

    /// <summary>The statement of the server at <paramref name="baseUrl"/>, whose SMART token endpoint is <paramref name="tokenUrl"/>.</summary>
    public static CapabilityStatement Statement(string baseUrl, string tokenUrl, FhirOptions options)
    {
        var statement = new CapabilityStatement
        {
            Name = "DorsetTelehealthCloud",
            Title = "Dorset Telehealth county cloud: FHIR R4 read API",
            Status = PublicationStatus.Active,
            Experimental = false,
            // An instance statement: it changes only with the software, so its date is when this process started.
            Date = s_started.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            Publisher = "Dorset Telehealth",
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "dorset-cloud", Version = Version() },
            Implementation = new CapabilityStatement.ImplementationComponent { Description = "Dorset Telehealth county cloud", Url = baseUrl },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = new[] { FhirSearch.FhirJson, "json" },
        };
        var rest = new CapabilityStatement.RestComponent
        {
            Mode = CapabilityStatement.RestfulCapabilityMode.Server,
            Documentation = new Markdown(
                "Read-only but for Subscription (create and delete, R4 backport). JSON only. Searches need exactly one patient; a second patient or subject parameter is refused (400). " +
                "Parameters a search does not support are ignored and left out of the Bundle's links, or refused (400) with Prefer: handling=strict. " +
                $"Result parameters: _count (default {options.DefaultPageSize}, at most {options.MaxPageSize}) and _offset; _sort where stated. " +
                "No _include, _revinclude, _history, _elements or _summary."),
            Security = Security(tokenUrl),
        };
        foreach ((string type, bool search, string documentation) in s_resources)
        {
            rest.Resource.Add(Resource(type, search, documentation));
        }

        rest.Resource.Add(SubscriptionResource());

        statement.Rest.Add(rest);
        return statement;
    }

    /// <summary>SMART Backend Services (the token endpoint in the oauth-uris extension, as SMART App Launch states it), and the reader secrets kept until revoked.</summary>
    private static CapabilityStatement.SecurityComponent Security(string tokenUrl)
    {
        var security = new CapabilityStatement.SecurityComponent
        {
            Cors = false,
            Description = new Markdown(
                "Every interaction but this statement needs Authorization: Bearer with a SMART Backend Services access token (client_credentials with a " +
                "private_key_jwt assertion at the token endpoint; see .well-known/smart-configuration), which allows only its SMART v2 system scopes " +
                "(system/Observation.rs ...), or the secret of an unrevoked FHIR reader (`dorset-cloud readers add`, being replaced by SMART). " +
                "None, an unknown, expired or revoked credential: 401; a scope that does not cover the type and interaction, or a gateway's secret: 403; " +
                "both with an OperationOutcome. Every read and search is audited. TLS is terminated in front of the service."),
        };
        security.Service.Add(new CodeableConcept("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", "SMART-on-FHIR", null));
        var uris = new Extension { Url = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris" };
        uris.Extension.Add(new Extension("token", new FhirUri(tokenUrl)));
        security.Extension.Add(uris);
        return security;
    }

    private static CapabilityStatement.ResourceComponent Resource(string type, bool search, string documentation)
    {
        FhirResourceSearch? searched = search ? Searches().Single(s => s.Type == type) : null;
        var resource = new CapabilityStatement.ResourceComponent
        {
            Type = type,
            Documentation = new Markdown(searched?.SortKeys.Count > 0
                ? $"{documentation} _sort: {string.Join(", ", searched.SortKeys.SelectMany(k => new[] { k, "-" + k }))} (date: the effective time, a score's last breach)."
                : documentation),
            // Alerts carry their revision as meta.versionId; readings never change.
            Versioning = type is "Observation" or "DetectedIssue" ? CapabilityStatement.ResourceVersionPolicy.Versioned : CapabilityStatement.ResourceVersionPolicy.NoVersion,
            ReadHistory = false,
            UpdateCreate = false,
            ConditionalCreate = false,
            ConditionalRead = CapabilityStatement.ConditionalReadStatus.NotSupported,
            ConditionalUpdate = false,
            ConditionalDelete = CapabilityStatement.ConditionalDeleteStatus.NotSupported,
        };
        resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read });
        if (searched != null)
        {
            resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType });
            foreach (FhirSearchParameter p in searched.Parameters)
            {
                resource.SearchParam.Add(new CapabilityStatement.SearchParamComponent
                {
                    Name = p.Name,
                    Definition = p.Definition,
                    Type = p.Type,
                    Documentation = new Markdown(p.Documentation),
                });
            }
        }

        return resource;
    }

    /// <summary>Subscription (FhirSubscriptionApi): create, read, delete and $status, with the topics it publishes.</summary>
    private static CapabilityStatement.ResourceComponent SubscriptionResource()
    {
        var resource = new CapabilityStatement.ResourceComponent
        {
            Type = "Subscription",
            SupportedProfile = new[] { Subscriptions.BackportExtensions.SubscriptionProfile },
            Documentation = new Markdown(
                "Topic-based rest-hook subscriptions (Subscriptions R4 Backport) to a topic below, filtered by patient or hub " +
                "(backport-filter-criteria Observation?patient={nhs}, Observation?hub={hub}, DetectedIssue?patient=, DetectedIssue?hub=). " +
                "Payload id-only (default) or full-resource; events are numbered per subscription and retried until acknowledged. " +
                "A reader sees only its own subscriptions; channel headers are never shown."),
            Versioning = CapabilityStatement.ResourceVersionPolicy.NoVersion,
            ReadHistory = false,
            UpdateCreate = false,
            ConditionalCreate = false,
            ConditionalRead = CapabilityStatement.ConditionalReadStatus.NotSupported,
            ConditionalUpdate = false,
            ConditionalDelete = CapabilityStatement.ConditionalDeleteStatus.NotSupported,
        };
        foreach (string topic in Subscriptions.SubscriptionTopics.FilterResource.Keys)
        {
            resource.Extension.Add(new Extension(
                "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/capabilitystatement-subscriptiontopic-canonical", new Canonical(topic)));
        }

        resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Create });
        resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read });
        resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Delete });
        resource.Operation.Add(new CapabilityStatement.OperationComponent
        {
            Name = "status",
            Definition = "http://hl7.org/fhir/uv/subscriptions-backport/OperationDefinition/backport-subscription-status",
        });
        return resource;
    }

    private static IEnumerable<FhirResourceSearch> Searches() => new[] { FhirResourceSearch.Observation, FhirResourceSearch.DetectedIssue };

    private static string Version() =>
        typeof(FhirCapabilities).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
