using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Tests.Fixtures;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Task = System.Threading.Tasks.Task;

namespace Dorset.Telehealth.Cloud.Tests.Contract;

/// <summary>
/// GET /fhir/metadata (cloud/README.md "CapabilityStatement"): what it states is what the host serves, checked
/// against the host's own route table and by using every search parameter it declares.
/// </summary>
public sealed class CapabilityStatementTests : IClassFixture<SqliteAppFixture>
{
    private readonly SqliteAppFixture _fixture;

    /// <summary>Creates the suite.</summary>
    public CapabilityStatementTests(SqliteAppFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Metadata_WithoutCredential_IsAnR4JsonCapabilityStatementOfThisServer()
    {
        CloudApp app = await _fixture.GetAsync();

        using HttpResponseMessage response = await app.Client.GetAsync("/fhir/metadata");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType!.MediaType);
        CapabilityStatement statement = FhirJson.Parse<CapabilityStatement>(await response.Content.ReadAsStringAsync());
        Assert.Equal(PublicationStatus.Active, statement.Status);
        Assert.Equal(CapabilityStatementKind.Instance, statement.Kind);
        Assert.Equal(FHIRVersion.N4_0_1, statement.FhirVersion);
        Assert.Equal(new[] { "application/fhir+json", "json" }, statement.Format.OrderBy(f => f, StringComparer.Ordinal));
        Assert.EndsWith("/fhir", statement.Implementation.Url, StringComparison.Ordinal);
        CapabilityStatement.RestComponent rest = statement.Rest.Single();
        Assert.Equal(CapabilityStatement.RestfulCapabilityMode.Server, rest.Mode);
        Assert.Contains("Bearer", rest.Security.Description, StringComparison.Ordinal);
        Assert.Equal("SMART-on-FHIR", rest.Security.Service.Single().Coding.Single().Code);
        Assert.Equal("http://localhost/auth/token",
            rest.Security.GetExtension("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris").GetExtensionValue<FhirUri>("token").Value);
        Assert.False(rest.Security.Cors);
        Assert.Empty(rest.Interaction);
        Assert.All(rest.Resource, r =>
        {
            Assert.NotEqual(CapabilityStatement.ResourceVersionPolicy.VersionedUpdate, r.Versioning);
            Assert.False(r.ReadHistory);
            Assert.Empty(r.SearchInclude);
        });
    }

    [Fact]
    public async Task Metadata_InteractionsAreExactlyTheFhirRoutesServed()
    {
        CloudApp app = await _fixture.GetAsync();
        CapabilityStatement statement = FhirJson.Parse<CapabilityStatement>(await app.Client.GetStringAsync("/fhir/metadata"));

        var declared = statement.Rest.Single().Resource
            .SelectMany(r => r.Interaction.Select(i => $"{r.Type} {EnumUtility.GetLiteral(i.Code)}").Concat(r.Operation.Select(o => $"{r.Type} ${o.Name}")))
            .OrderBy(s => s, StringComparer.Ordinal).ToList();
        var served = new List<string>();
        foreach (RouteEndpoint endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            string pattern = endpoint.RoutePattern.RawText!.TrimStart('/');
            // The statement itself and the SMART configuration document are no resource interactions.
            if (!pattern.StartsWith("fhir/", StringComparison.Ordinal) || pattern == "fhir/metadata" || pattern.StartsWith("fhir/.well-known/", StringComparison.Ordinal))
            {
                continue;
            }

            string method = Assert.Single(endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods);
            string[] segments = pattern.Split('/');
            served.Add((method, segments.Length) switch
            {
                ("GET", 2) => $"{segments[1]} search-type",
                ("POST", 2) => $"{segments[1]} create",
                ("GET", 3) when segments[2] == "{id}" => $"{segments[1]} read",
                ("DELETE", 3) when segments[2] == "{id}" => $"{segments[1]} delete",
                ("GET", 4) when segments[2] == "{id}" && segments[3].StartsWith('$') => $"{segments[1]} {segments[3]}",
                _ => $"{method} {pattern}",
            });
        }

        Assert.Equal(served.OrderBy(s => s, StringComparer.Ordinal), declared);
    }

    [Fact]
    public async Task Metadata_EveryDeclaredSearchParameterIsHonouredUnderStrictHandling_AndAnUndeclaredOneIsNot()
    {
        var (app, _, gw, secret, nhs, unit) = await _fixture.ArrangeAssignedUnitAsync();
        await app.PostAsync(secret, gw, Batches.Weight(unit, 1), Batches.Glucose(unit, 2));
        CapabilityStatement statement = FhirJson.Parse<CapabilityStatement>(await app.Client.GetStringAsync("/fhir/metadata"));

        var probed = new List<string>();
        foreach (CapabilityStatement.ResourceComponent resource in statement.Rest.Single().Resource.Where(r => r.SearchParam.Count > 0))
        {
            foreach (CapabilityStatement.SearchParamComponent parameter in resource.SearchParam)
            {
                string query = parameter.Type switch
                {
                    SearchParamType.Reference => parameter.Name == "subject" ? $"subject=Patient/{nhs}" : $"patient={nhs}",
                    SearchParamType.Token => $"patient={nhs}&{parameter.Name}=http://loinc.org|29463-7",
                    SearchParamType.Date => $"patient={nhs}&{parameter.Name}=ge2026-11-24",
                    _ => throw new InvalidOperationException($"no probe for a {parameter.Type} parameter ({parameter.Name})"),
                };
                Assert.StartsWith("http://hl7.org/fhir/SearchParameter/", parameter.Definition, StringComparison.Ordinal);
                Bundle bundle = await StrictSearchAsync(app, resource.Type, query, HttpStatusCode.OK);
                Assert.Contains(parameter.Name + "=", bundle.SelfLink.ToString(), StringComparison.Ordinal);
                probed.Add($"{resource.Type}.{parameter.Name}");
            }

            await StrictSearchAsync(app, resource.Type, $"patient={nhs}&_lastUpdated=ge2026-01-01", HttpStatusCode.BadRequest);
        }

        Assert.Equal(new[] { "DetectedIssue.patient", "Observation.code", "Observation.date", "Observation.patient", "Observation.subject" },
            probed.OrderBy(p => p, StringComparer.Ordinal));
    }

    private static async Task<Bundle> StrictSearchAsync(CloudApp app, string type, string query, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/fhir/{type}?{query}");
        request.Headers.Add("Prefer", "handling=strict");
        using HttpResponseMessage response = await app.Fhir.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{type}?{query}: {(int)response.StatusCode} {body}");
        return expected == HttpStatusCode.OK ? FhirJson.Parse<Bundle>(body) : new Bundle();
    }
}
