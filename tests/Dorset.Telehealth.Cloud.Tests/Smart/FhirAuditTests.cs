using Dorset.Telehealth.TestSupport;
using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Cli;
using Dorset.Telehealth.Cloud.Storage;
using Microsoft.Extensions.DependencyInjection;
using Dorset.Telehealth.Cloud.Tests.Fixtures;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Dorset.Telehealth.Cloud.Tests.Smart;

/// <summary>The audit of FHIR access (issue 16 §4, cloud/README.md "Audit"): who read which patient, when, and how it ended.</summary>
public sealed class FhirAuditTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private Task<SmartTestApp> ArrangeAsync() =>
        SmartTestApp.CreateAsync(o => { o.DataDirectory = _dir.Path; o.PostgresConnectionString = null; }, "system/Observation.rs system/Patient.r");

    [Fact]
    public async Task ReadOfPatientA_ByClientX_IsInTheAuditWithThePatientAndTheClient_AsStoredAndAsFhirAuditEvent()
    {
        await using SmartTestApp smart = await ArrangeAsync();
        string token = await smart.TokenAsync("system/Patient.r system/Observation.rs");
        string other = await smart.App.AddPatientAsync();

        using HttpResponseMessage read = await smart.GetAsync($"/fhir/Patient/{smart.Nhs}", token);
        using HttpResponseMessage search = await smart.GetAsync($"/fhir/Observation?patient={smart.Nhs}", token);
        using HttpResponseMessage otherRead = await smart.GetAsync($"/fhir/Patient/{other}", token);
        var records = await smart.App.Store.SearchAuditAsync(new AuditQuery(smart.Nhs, null, null, 100));
        var (code, json, _) = await RunAsync("audit", "list", "--patient", smart.Nhs, "--fhir", "--data-dir", _dir.Path);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(new[] { "read Patient", "search-type Observation" }, records.Select(r => $"{r.Interaction} {r.ResourceType}").Order());
        Assert.All(records, r =>
        {
            Assert.Equal("smart-client", r.AgentKind);
            Assert.Equal(smart.ClientId, r.AgentId);
            Assert.Equal(200, r.Status);
            Assert.InRange(r.Recorded, smart.Time.GetUtcNow().AddSeconds(-1), smart.Time.GetUtcNow());
        });
        Assert.Contains(records, r => r.Query == $"/fhir/Observation?patient={smart.Nhs}");
        Assert.Equal(0, code);
        Bundle bundle = FhirJson.Parse<Bundle>(json);
        AuditEvent patientRead = bundle.Entry.Select(e => (AuditEvent)e.Resource).Single(a => a.Action == AuditEvent.AuditEventAction.R);
        Assert.Equal(smart.ClientId, patientRead.Agent.Single().Who.Identifier.Value);
        Assert.True(patientRead.Agent.Single().Requestor);
        Assert.Equal(smart.Nhs, patientRead.Entity.First().What.Identifier.Value);
        Assert.Equal("https://fhir.nhs.uk/Id/nhs-number", patientRead.Entity.First().What.Identifier.System);
        Assert.Equal(AuditEvent.AuditEventOutcome.N0, patientRead.Outcome);
        Assert.Equal($"/fhir/Patient/{smart.Nhs}", Encoding.UTF8.GetString(patientRead.Entity.Last().Query));
        Assert.DoesNotContain(bundle.Entry, e => ((AuditEvent)e.Resource).Entity.Any(x => x.What?.Identifier?.Value == other));
    }

    [Fact]
    public async Task ReadOfAnObservationById_IsAuditedUnderThePatientItBelongsTo()
    {
        await using SmartTestApp smart = await ArrangeAsync();
        string token = await smart.TokenAsync("system/Observation.rs");
        using HttpResponseMessage search = await smart.GetAsync($"/fhir/Observation?patient={smart.Nhs}", token);
        string id = FhirJson.Parse<Bundle>(await search.Content.ReadAsStringAsync()).Entry.Single().Resource.Id;

        using HttpResponseMessage read = await smart.GetAsync($"/fhir/Observation/{id}", token);
        var records = await smart.App.Store.SearchAuditAsync(new AuditQuery(smart.Nhs, smart.ClientId, null, 100));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains(records, r => r.Interaction == "read" && r.Query == $"/fhir/Observation/{id}");
    }

    [Fact]
    public async Task RefusedReads_AreAuditedWithTheirStatus_ForbiddenUnderTheClient_AndUnauthenticatedAsAnonymous()
    {
        await using SmartTestApp smart = await ArrangeAsync();
        string token = await smart.TokenAsync("system/Observation.rs");

        using HttpResponseMessage forbidden = await smart.GetAsync($"/fhir/Patient/{smart.Nhs}", token);
        using HttpResponseMessage anonymous = await smart.App.Client.GetAsync($"/fhir/Observation?patient={smart.Nhs}");
        var records = await smart.App.Store.SearchAuditAsync(new AuditQuery(null, null, null, 100));
        var (code, table, _) = await RunAsync("audit", "list", "--client", smart.ClientId, "--data-dir", _dir.Path);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains(records, r => r.AgentId == smart.ClientId && r.ResourceType == "Patient" && r.Status == 403);
        Assert.Contains(records, r => r.AgentKind == "anonymous" && r.AgentId == null && r.Status == 401 && r.Query.Contains(smart.Nhs, StringComparison.Ordinal));
        Assert.Equal(0, code);
        Assert.Contains($"smart-client:{smart.ClientId}", table, StringComparison.Ordinal);
        Assert.Contains("403", table, StringComparison.Ordinal);
        Assert.DoesNotContain("anonymous", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReaderSecret_StillReads_AndIsAuditedAsAReader()
    {
        await using SmartTestApp smart = await ArrangeAsync();
        await smart.App.AuthoriseFhirAsync();

        using HttpResponseMessage read = await smart.App.Fhir.GetAsync($"/fhir/Patient/{smart.Nhs}");
        var records = await smart.App.Store.SearchAuditAsync(new AuditQuery(smart.Nhs, null, null, 100));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains(records, r => r.AgentKind == "fhir-reader" && r.AgentId != null && r.Status == 200);
    }

    [Fact]
    public async Task AuditThatCannotBeWritten_FailsTheRead_AndNoPatientDataLeaves()
    {
        using var dir = new TempDirectory();
        var real = new Dorset.Telehealth.Cloud.Storage.SqliteCloudStore(dir.Path);
        await real.EnsureSchemaAsync();
        await using var app = new CloudApp(o => o.DataDirectory = dir.Path, services: s =>
            s.AddSingleton(Fakes.AuditDownStore.Over(real)));
        string nhs = await app.AddPatientAsync("Ann Unaudited");
        await app.AuthoriseFhirAsync();

        using HttpResponseMessage read = await app.Fhir.GetAsync($"/fhir/Patient/{nhs}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, read.StatusCode);
        Assert.DoesNotContain("Unaudited", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <inheritdoc/>
    public void Dispose() => _dir.Dispose();

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await CloudCommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
