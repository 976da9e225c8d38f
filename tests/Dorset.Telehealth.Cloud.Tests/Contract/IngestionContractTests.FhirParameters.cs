using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Tests.Fixtures;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Dorset.Telehealth.Cloud.Tests.Contract;

/// <summary>
/// Search parameters as a proxy in front of the API would read them (cloud/README.md "Search parameters"): one
/// patient per search, never one of several; unknown parameters ignored but never echoed as applied, or refused under
/// `Prefer: handling=strict`; `_sort` by date both ways.
/// </summary>
public abstract partial class IngestionContractTests
{
    [Theory]
    [InlineData("Observation", "patient={a}&patient={b}")]
    [InlineData("Observation", "patient={a}&subject=Patient/{b}")]
    [InlineData("Observation", "subject=Patient/{b}&patient={a}")]
    [InlineData("Observation", "patient={a}&Patient={b}")]
    [InlineData("Observation", "patient={a}&subject:Patient={b}")]
    [InlineData("Observation", "patient={a}&patient={a}")]
    [InlineData("DetectedIssue", "patient={a}&patient={b}")]
    public async Task Search_PatientGivenTwice_Returns400AndServesNeither(string type, string query)
    {
        var (app, hub, gw, secret, a, unit) = await ArrangeAsync();
        string b = await app.AddPatientAsync();
        string otherUnit = CloudApp.Unique("unit");
        await app.Store.AssignUnitAsync(otherUnit, b, DateTimeOffset.UnixEpoch, hub);
        await app.PostAsync(secret, gw, Batches.Glucose(unit, 1), Batches.Glucose(otherUnit, 1));
        await app.PostAlertsAsync(secret, gw, Alerts.Spo2(unit, Alerts.NewId()), Alerts.Spo2(otherUnit, Alerts.NewId()));

        long refusedBefore = await FhirRefusedAsync(app, 400);
        using HttpResponseMessage response = await app.Fhir.GetAsync($"/fhir/{type}?" + query.Replace("{a}", a).Replace("{b}", b));

        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType!.MediaType);
        OperationOutcome outcome = FhirJson.Parse<OperationOutcome>(body);
        Assert.Contains("one patient", outcome.Issue.Single().Diagnostics, StringComparison.Ordinal);
        Assert.Equal(refusedBefore + 1, await FhirRefusedAsync(app, 400));
    }

    [Theory]
    [InlineData("_count=1&_count=50", "_count")]
    [InlineData("code=http://loinc.org|29463-7&code=http://loinc.org|15074-8", "code")]
    public async Task SearchObservations_NonRepeatableParameterTwice_Returns400NamingIt(string repeated, string named)
    {
        var (app, _, _, _, nhs, _) = await ArrangeAsync();

        using HttpResponseMessage response = await app.Fhir.GetAsync($"/fhir/Observation?patient={nhs}&{repeated}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        OperationOutcome outcome = FhirJson.Parse<OperationOutcome>(await response.Content.ReadAsStringAsync());
        Assert.Contains($"'{named}' given more than once", outcome.Issue.Single().Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchObservations_UnknownParameter_IgnoredAndLeftOutOfEveryLink()
    {
        var (app, _, gw, secret, nhs, unit) = await ArrangeAsync();
        await app.PostAsync(secret, gw, Batches.Weight(unit, 1), Batches.Weight(unit, 2, deviceTime: "2026-11-25T07:30:00"));

        Bundle bundle = await SearchAsync(app, $"patient={nhs}&_elements=id&colour=blue&_count=1&date=ge2026-01-01");

        Assert.Equal(2, bundle.Total);
        Assert.All(bundle.Link, l =>
        {
            Assert.DoesNotContain("colour", l.Url, StringComparison.Ordinal);
            Assert.DoesNotContain("_elements", l.Url, StringComparison.Ordinal);
            Assert.Contains($"patient={nhs}", l.Url, StringComparison.Ordinal);
            Assert.Contains("date=ge2026-01-01", l.Url, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("colour=blue", "colour")]
    [InlineData("_sort=code", "_sort")]
    [InlineData("status=final", "status")]
    [InlineData("code:text=weight", "code:text")]
    public async Task SearchObservations_StrictHandling_UnknownParameterRefusedByName(string extra, string named)
    {
        var (app, _, _, _, nhs, _) = await ArrangeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/fhir/Observation?patient={nhs}&{extra}");
        request.Headers.Add("Prefer", "handling=strict");

        using HttpResponseMessage response = await app.Fhir.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        OperationOutcome outcome = FhirJson.Parse<OperationOutcome>(await response.Content.ReadAsStringAsync());
        Assert.Contains($"'{named}'", outcome.Issue.Single().Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchObservations_SortByDate_BothWaysAcrossPagesWithScoresInPlace()
    {
        var (app, _, gw, secret, nhs, unit) = await ArrangeAsync();
        // Ingested out of time order: 23rd, 21st, 25th, 22nd; the partial NEWS2's last breach is 24th 08:20Z.
        int[] days = { 23, 21, 25, 22 };
        await app.PostAsync(secret, gw, days.Select((d, i) => Batches.Weight(unit, i + 1, deviceTime: $"2026-11-{d}T07:30:00")).ToArray());
        await app.PostAlertsAsync(secret, gw, Alerts.News2(unit, Alerts.NewId(), "none/1/00:00:00:00:00:00/-", "none/2/00:00:00:00:00:00/-"));

        var ascending = await AllPagesAsync(app, $"patient={nhs}&_sort=date&_count=2");
        var descending = await AllPagesAsync(app, $"patient={nhs}&_sort=-date&_count=2");

        string[] expected = { "2026-11-21T07:30:00+00:00", "2026-11-22T07:30:00+00:00", "2026-11-23T07:30:00+00:00", "2026-11-24T08:20:00+00:00", "2026-11-25T07:30:00+00:00" };
        Assert.Equal(expected, ascending.Select(o => ((FhirDateTime)o.Effective).Value));
        Assert.Equal(expected.Reverse(), descending.Select(o => ((FhirDateTime)o.Effective).Value));
        Assert.StartsWith("news2-", ascending[3].Id, StringComparison.Ordinal);
    }

    /// <summary>Every Observation of a search, following next links; each link must keep the sort.</summary>
    private static async Task<System.Collections.Generic.List<Observation>> AllPagesAsync(CloudApp app, string query)
    {
        var all = new System.Collections.Generic.List<Observation>();
        Bundle page = await SearchAsync(app, query);
        while (true)
        {
            Assert.Contains("_sort=", page.SelfLink.ToString(), StringComparison.Ordinal);
            all.AddRange(page.Entry.Select(e => (Observation)e.Resource));
            if (page.NextLink == null)
            {
                return all;
            }

            page = await SearchAsync(app, page.NextLink.PathAndQuery["/fhir/Observation?".Length..]);
        }
    }
}
