using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Tests.Fixtures;
using Dorset.Telehealth.TestSupport;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Dorset.Telehealth.Cloud.Tests.Smart;

/// <summary>
/// SMART Backend Services (issue 16 §3, cloud/README.md "SMART Backend Services"): token issuance with private_key_jwt
/// and scope enforcement per resource type and interaction, on SQLite and PostgreSQL through the subclasses below.
/// </summary>
public abstract class SmartBackendServicesTests
{
    /// <summary>A new, empty store for one test.</summary>
    protected abstract Task<Action<CloudStoreOptions>> NewStoreAsync();

    private async Task<SmartTestApp> ArrangeAsync(string allowed = "system/Observation.rs system/Patient.r", SmartClientKey? key = null) =>
        await SmartTestApp.CreateAsync(await NewStoreAsync(), allowed, key);

    [Fact]
    public async Task Token_ValidRs384Assertion_IsAShortLivedScopedTokenThatSearchesObservations()
    {
        await using SmartTestApp smart = await ArrangeAsync();

        var (status, body, response) = await smart.RequestTokenAsync(smart.Assertion(), "system/Observation.rs");
        using HttpResponseMessage search = await smart.GetAsync($"/fhir/Observation?patient={smart.Nhs}", body["access_token"]!.GetValue<string>());

        Assert.Equal(200, status);
        Assert.Equal("bearer", body["token_type"]!.GetValue<string>());
        Assert.Equal(300, body["expires_in"]!.GetValue<int>());
        Assert.Equal("system/Observation.rs", body["scope"]!.GetValue<string>());
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Single(FhirJson.Parse<Bundle>(await search.Content.ReadAsStringAsync()).Entry);
    }

    [Fact]
    public async Task Token_ValidEs384Assertion_IsIssued()
    {
        await using SmartTestApp smart = await ArrangeAsync(key: SmartClientKey.Ec());

        var (status, body, _) = await smart.RequestTokenAsync(smart.Assertion(), "system/Patient.r");
        using HttpResponseMessage read = await smart.GetAsync($"/fhir/Patient/{smart.Nhs}", body["access_token"]!.GetValue<string>());

        Assert.Equal(200, status);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Token_AssertionSignedWithAKeyNotRegistered_IsInvalidClient()
    {
        await using SmartTestApp smart = await ArrangeAsync();
        using SmartClientKey stranger = SmartClientKey.Rsa();

        var (status, body, _) = await smart.RequestTokenAsync(stranger.Assertion(smart.ClientId, SmartTestApp.TokenUrl, smart.Time.GetUtcNow()), "system/Observation.rs");

        Assert.Equal(401, status);
        Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
        Assert.Contains("signature", body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(body["access_token"]);
    }

    [Fact]
    public async Task Token_ExpiredAssertion_IsInvalidClient()
    {
        await using SmartTestApp smart = await ArrangeAsync();
        string assertion = smart.Assertion(TimeSpan.FromMinutes(2));
        smart.Time.Advance(TimeSpan.FromMinutes(3));

        var (status, body, _) = await smart.RequestTokenAsync(assertion, "system/Observation.rs");

        Assert.Equal(401, status);
        Assert.Equal("invalid_client", body["error"]!.GetValue<string>());
        Assert.Contains("expired", body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_AssertionValidForMoreThanFiveMinutes_IsInvalidClient()
    {
        await using SmartTestApp smart = await ArrangeAsync();

        var (status, body, _) = await smart.RequestTokenAsync(smart.Assertion(TimeSpan.FromMinutes(10)), "system/Observation.rs");

        Assert.Equal(401, status);
        Assert.Contains("five minutes", body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_AssertionForAnotherAudienceOrWithAnotherSubject_IsInvalidClient()
    {
        await using SmartTestApp smart = await ArrangeAsync();
        DateTimeOffset now = smart.Time.GetUtcNow();

        var (audienceStatus, audience, _) = await smart.RequestTokenAsync(smart.Key.Assertion(smart.ClientId, "https://other.example/token", now), "system/Observation.rs");
        var (subjectStatus, subject, _) = await smart.RequestTokenAsync(smart.Key.Assertion(smart.ClientId, SmartTestApp.TokenUrl, now, subject: "someone-else"), "system/Observation.rs");

        Assert.Equal(401, audienceStatus);
        Assert.Contains(SmartTestApp.TokenUrl, audience["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(401, subjectStatus);
        Assert.Contains("sub", subject["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_ReplayedJti_IsRefused_EvenByARestartedCloudOnTheSameStore()
    {
        Action<CloudStoreOptions> store = await NewStoreAsync();
        await using SmartTestApp smart = await SmartTestApp.CreateAsync(store, "system/Observation.rs");
        string assertion = smart.Assertion();

        var (first, _, _) = await smart.RequestTokenAsync(assertion, "system/Observation.rs");
        var (replay, body, _) = await smart.RequestTokenAsync(assertion, "system/Observation.rs");
        await using CloudApp restarted = SmartTestApp.Start(store, smart.Time);
        var (afterRestart, _, _) = await SmartTestApp.RequestTokenAsync(restarted.Client, assertion, "system/Observation.rs");

        Assert.Equal(200, first);
        Assert.Equal(401, replay);
        Assert.Contains("jti", body["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(401, afterRestart);
    }

    [Fact]
    public async Task Token_ScopeTheClientIsNotAllowed_IsInvalidScope_AndAWiderRequestIsNarrowed()
    {
        await using SmartTestApp smart = await ArrangeAsync("system/Observation.rs");

        var (refused, refusal, _) = await smart.RequestTokenAsync(smart.Assertion(), "system/Patient.r");
        var (narrowed, granted, _) = await smart.RequestTokenAsync(smart.Assertion(), "system/*.cruds system/Patient.r");

        Assert.Equal(400, refused);
        Assert.Equal("invalid_scope", refusal["error"]!.GetValue<string>());
        Assert.Equal(200, narrowed);
        Assert.Equal("system/Observation.rs", granted["scope"]!.GetValue<string>());
    }

    [Fact]
    public async Task ObservationToken_ReadingPatientOrSearchingDetectedIssues_Is403()
    {
        await using SmartTestApp smart = await ArrangeAsync("system/Observation.rs system/Patient.r system/DetectedIssue.rs");
        string token = await smart.TokenAsync("system/Observation.rs");

        using HttpResponseMessage patient = await smart.GetAsync($"/fhir/Patient/{smart.Nhs}", token);
        using HttpResponseMessage issues = await smart.GetAsync($"/fhir/DetectedIssue?patient={smart.Nhs}", token);
        using HttpResponseMessage observations = await smart.GetAsync($"/fhir/Observation?patient={smart.Nhs}", token);

        Assert.Equal(HttpStatusCode.Forbidden, patient.StatusCode);
        OperationOutcome.IssueComponent refusal = FhirJson.Parse<OperationOutcome>(await patient.Content.ReadAsStringAsync()).Issue.Single();
        Assert.Equal("forbidden", Hl7.Fhir.Utility.EnumUtility.GetLiteral(refusal.Code));
        // The refusal names the scope the request needed, so the integrator knows what to ask for.
        Assert.Contains("system/Patient.r ", refusal.Diagnostics ?? refusal.Details?.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, issues.StatusCode);
        Assert.Contains("system/DetectedIssue.s ", await issues.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, observations.StatusCode);
    }

    [Fact]
    public async Task SearchOnlyToken_ReadingAnObservationById_Is403()
    {
        await using SmartTestApp smart = await ArrangeAsync();
        string searchOnly = await smart.TokenAsync("system/Observation.s");
        string readOnly = await smart.TokenAsync("system/Observation.r");
        using HttpResponseMessage search = await smart.GetAsync($"/fhir/Observation?patient={smart.Nhs}", searchOnly);
        string id = FhirJson.Parse<Bundle>(await search.Content.ReadAsStringAsync()).Entry.Single().Resource.Id;

        using HttpResponseMessage readWithSearch = await smart.GetAsync($"/fhir/Observation/{id}", searchOnly);
        using HttpResponseMessage readWithRead = await smart.GetAsync($"/fhir/Observation/{id}", readOnly);
        using HttpResponseMessage searchWithRead = await smart.GetAsync($"/fhir/Observation?patient={smart.Nhs}", readOnly);

        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readWithSearch.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readWithRead.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, searchWithRead.StatusCode);
    }

    [Fact]
    public async Task AccessToken_AfterItsLifetime_Is401()
    {
        await using SmartTestApp smart = await ArrangeAsync();
        string token = await smart.TokenAsync("system/Patient.r");

        smart.Time.Advance(TimeSpan.FromSeconds(299));
        using HttpResponseMessage before = await smart.GetAsync($"/fhir/Patient/{smart.Nhs}", token);
        smart.Time.Advance(TimeSpan.FromSeconds(2));
        using HttpResponseMessage after = await smart.GetAsync($"/fhir/Patient/{smart.Nhs}", token);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task RevokedClient_ItsTokenIsRefusedFromTheNextRequest_AndItGetsNoNewOne()
    {
        await using SmartTestApp smart = await ArrangeAsync();
        string token = await smart.TokenAsync("system/Patient.r");

        await smart.App.Store.RevokeSmartClientAsync(smart.ClientId, smart.Time.GetUtcNow());
        using HttpResponseMessage read = await smart.GetAsync($"/fhir/Patient/{smart.Nhs}", token);
        var (status, _, _) = await smart.RequestTokenAsync(smart.Assertion(), "system/Patient.r");

        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        Assert.Equal(401, status);
    }

    [Fact]
    public async Task SmartConfiguration_PublishesTheTokenEndpointAndWhatItAccepts_WithoutCredential()
    {
        await using SmartTestApp smart = await ArrangeAsync();

        JsonObject fhirBase = JsonNode.Parse(await smart.App.Client.GetStringAsync("/fhir/.well-known/smart-configuration"))!.AsObject();
        JsonObject root = JsonNode.Parse(await smart.App.Client.GetStringAsync("/.well-known/smart-configuration"))!.AsObject();

        Assert.Equal(fhirBase.ToJsonString(), root.ToJsonString());
        Assert.Equal(SmartTestApp.TokenUrl, fhirBase["token_endpoint"]!.GetValue<string>());
        Assert.Equal(new[] { "private_key_jwt" }, Strings(fhirBase, "token_endpoint_auth_methods_supported"));
        Assert.Equal(new[] { "ES384", "RS384" }, Strings(fhirBase, "token_endpoint_auth_signing_alg_values_supported").Order());
        Assert.Equal(new[] { "client_credentials" }, Strings(fhirBase, "grant_types_supported"));
        Assert.Contains("system/Observation.rs", Strings(fhirBase, "scopes_supported"));
        Assert.Equal(new[] { "client-confidential-asymmetric", "permission-v2" }, Strings(fhirBase, "capabilities").Order());
    }

    private static string[] Strings(JsonObject o, string name) => o[name]!.AsArray().Select(n => n!.GetValue<string>()).ToArray();
}

/// <summary>The suite on SQLite.</summary>
public sealed class SqliteSmartBackendServicesTests : SmartBackendServicesTests, IDisposable
{
    private readonly TempDirectory _dir = new();

    /// <inheritdoc/>
    protected override Task<Action<CloudStoreOptions>> NewStoreAsync()
    {
        string path = System.IO.Path.Combine(_dir.Path, Guid.NewGuid().ToString("N")[..8]);
        return Task.FromResult<Action<CloudStoreOptions>>(o =>
        {
            o.DataDirectory = path;
            o.PostgresConnectionString = null;
        });
    }

    /// <inheritdoc/>
    public void Dispose() => _dir.Dispose();
}

/// <summary>The suite on PostgreSQL (skips when it is not installed).</summary>
public sealed class PostgresSmartBackendServicesTests : SmartBackendServicesTests
{
    /// <inheritdoc/>
    protected override async Task<Action<CloudStoreOptions>> NewStoreAsync()
    {
        PostgresServer server = await PostgresServer.GetAsync();
        string connectionString = await server.CreateDatabaseAsync();
        return o => o.PostgresConnectionString = connectionString;
    }
}
