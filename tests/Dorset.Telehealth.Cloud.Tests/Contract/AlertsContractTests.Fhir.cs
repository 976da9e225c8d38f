using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Tests.Fixtures;
using Dorset.Telehealth.UkCoreValidation;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Dorset.Telehealth.Cloud.Tests.Contract;

/// <summary>Alerts served as FHIR (cloud/README.md "Alerts in FHIR"), every response parsed with the Firely SDK.</summary>
public abstract partial class AlertsContractTests
{
    private const string News2Code = "http://snomed.info/sct|1104051000000101";

    [Fact]
    public async Task ReadDetectedIssue_AcknowledgedAlert_ImplicatesItsStoredReadingAndRecordsWhoAcknowledged()
    {
        var (app, hub, gw, secret, nhs, unit) = await ArrangeAsync();
        JsonObject reading = Batches.Oximetry(unit, 1, spo2: "91");
        string key = reading["key"]!.GetValue<string>();
        string notYetHere = Batches.Key(unit, 2, "00:1B:DC:44:55:66", null, "2026-07-01T07:30:00");
        await app.PostAsync(secret, gw, reading);
        JsonObject open = Alerts.Spo2(unit, Alerts.NewId(), readingKeys: new[] { key, notYetHere });
        await app.PostAlertsAsync(secret, gw, open, Alerts.Acknowledged(open, revision: 2));
        string alertId = open["alertId"]!.GetValue<string>();

        DetectedIssue issue = await GetAsync<DetectedIssue>(app, $"/fhir/DetectedIssue/{alertId}");

        Assert.Equal(alertId, issue.Id);
        Assert.Equal("https://dorset-telehealth.nhs.uk/Id/alert", issue.Identifier.Single().System);
        Assert.Equal(alertId, issue.Identifier.Single().Value);
        Assert.Equal("2", issue.Meta.VersionId);
        Assert.Equal(ObservationStatus.Final, issue.Status);
        Assert.Equal(DetectedIssue.DetectedIssueSeverity.High, issue.Severity);
        Coding rule = issue.Code.Coding.Single();
        Assert.Equal(("home-oximetry-spo2", "1"), (rule.Code, rule.Version));
        Assert.Equal("red-urgent", ((Code)issue.GetExtension("https://dorset-telehealth.nhs.uk/fhir/StructureDefinition/alert-level").Value).Value);
        Assert.Equal("Patient/" + nhs, issue.Patient.Reference);
        var period = (Period)issue.Identified;
        Assert.Equal("2026-11-24T08:17:03+00:00", period.Start);
        Assert.Equal("2026-11-24T08:20:00+00:00", period.End);
        Assert.Contains(hub, issue.Author.Display, StringComparison.Ordinal);
        Assert.Contains("SpO2 91 %", issue.Detail, StringComparison.Ordinal);
        Assert.Contains("1 of the readings it names have not reached", issue.Detail, StringComparison.Ordinal);
        DetectedIssue.MitigationComponent acknowledgement = issue.Mitigation.Single();
        Assert.Equal("acknowledged", acknowledgement.Action.Coding.Single().Code);
        Assert.Equal("nurse.jones", acknowledgement.Author.Identifier.Value);
        Assert.Equal("2026-11-24T08:25:00+00:00", acknowledgement.Date);
        // The one stored reading it names, and only that: the reference resolves to the reading's own Observation.
        ResourceReference implicated = issue.Implicated.Single();
        Observation observation = await GetAsync<Observation>(app, "/fhir/" + implicated.Reference);
        Assert.Equal(key, observation.Identifier.Single().Value);
        Assert.Equal("Patient/" + nhs, observation.Subject.Reference);
    }

    [Fact]
    public async Task ReadDetectedIssue_LateAlert_SaysLateInDetailAndExtension()
    {
        var (app, _, gw, secret, _, unit) = await ArrangeAsync();
        JsonObject alert = Alerts.Spo2(unit, Alerts.NewId(), lateMinutes: 240);
        await app.PostAlertsAsync(secret, gw, alert);

        DetectedIssue issue = await GetAsync<DetectedIssue>(app, $"/fhir/DetectedIssue/{alert["alertId"]!.GetValue<string>()}");

        Assert.StartsWith("LATE READING: taken 240 min before", issue.Detail, StringComparison.Ordinal);
        Assert.Contains("(from a backlog)", issue.Detail, StringComparison.Ordinal);
        Assert.Equal(240, ((Integer)issue.GetExtension("https://dorset-telehealth.nhs.uk/fhir/StructureDefinition/late-reading-minutes").Value).Value);
        Assert.Equal(ObservationStatus.Preliminary, issue.Status);
    }

    [Fact]
    public async Task SearchDetectedIssues_Patient_CurrentRevisionsPagedAndNeverAnUnattributedOrScoreAlert()
    {
        var (app, _, gw, secret, nhs, unit) = await ArrangeAsync();
        JsonObject[] own = Enumerable.Range(0, 3).Select(_ => Alerts.Spo2(unit, Alerts.NewId())).ToArray();
        JsonObject stray = Alerts.Spo2(CloudApp.Unique("unit"), Alerts.NewId());
        string key = Batches.Key(unit, 1, "00:1B:DC:44:55:66", null, "2026-11-24T08:15:00");
        JsonObject news2 = Alerts.News2(unit, Alerts.NewId(), key, key);
        await app.PostAlertsAsync(secret, gw, own.Append(Alerts.Acknowledged(own[0], revision: 2)).Append(stray).Append(news2).ToArray());

        Bundle first = await GetAsync<Bundle>(app, $"/fhir/DetectedIssue?patient={nhs}&_count=2");
        Bundle second = await GetAsync<Bundle>(app, first.NextLink.PathAndQuery);
        using HttpResponseMessage strayRead = await app.Fhir.GetAsync($"/fhir/DetectedIssue/{stray["alertId"]!.GetValue<string>()}");
        using HttpResponseMessage scoreRead = await app.Fhir.GetAsync($"/fhir/DetectedIssue/{news2["alertId"]!.GetValue<string>()}");

        Assert.Equal(3, first.Total);
        Assert.Null(second.NextLink);
        var issues = first.Entry.Concat(second.Entry).Select(e => (DetectedIssue)e.Resource).ToList();
        Assert.Equal(own.Select(a => a["alertId"]!.GetValue<string>()).OrderBy(x => x), issues.Select(i => i.Id).OrderBy(x => x));
        Assert.Equal("acknowledged", ((Code)issues.Single(i => i.Id == own[0]["alertId"]!.GetValue<string>())
            .GetExtension("https://dorset-telehealth.nhs.uk/fhir/StructureDefinition/alert-state").Value).Value);
        Assert.Equal(HttpStatusCode.NotFound, strayRead.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, scoreRead.StatusCode);
    }

    [Fact]
    public async Task SearchObservations_News2Code_PartialEarlyWarningScoreDerivedFromItsReadings()
    {
        var (app, _, gw, secret, nhs, unit) = await ArrangeAsync();
        JsonObject oximetry = Batches.Oximetry(unit, 1, spo2: "91", pulse: "115");
        string key = oximetry["key"]!.GetValue<string>();
        string notYetHere = Batches.Key(unit, 9, "00:1B:DC:44:55:66", null, "2026-11-24T08:00:00");
        await app.PostAsync(secret, gw, oximetry, Batches.Weight(unit, 2));
        JsonObject alert = Alerts.News2(unit, Alerts.NewId(), key, key);
        ((JsonArray)alert["readings"]!).Add(new JsonObject { ["key"] = notYetHere, ["name"] = "spo2", ["value"] = "92", ["unit"] = "%" });
        await app.PostAlertsAsync(secret, gw, alert);

        Bundle bundle = await GetAsync<Bundle>(app, $"/fhir/Observation?patient={nhs}&code={News2Code}");

        Assert.Equal(1, bundle.Total);
        var o = (Observation)bundle.Entry.Single().Resource;
        Assert.Equal("https://fhir.hl7.org.uk/StructureDefinition/UKCore-Observation-EarlyWarningTotalScore", o.Meta.Profile.Single());
        Assert.Equal(ObservationStatus.Final, o.Status);
        Assert.Equal(("http://terminology.hl7.org/CodeSystem/observation-category", "survey"), (o.Category.Single().Coding.Single().System, o.Category.Single().Coding.Single().Code));
        Assert.Equal(("http://snomed.info/sct", "1104051000000101"), (o.Code.Coding.Single().System, o.Code.Coding.Single().Code));
        var total = (Quantity)o.Value;
        Assert.Equal((7m, "http://unitsofmeasure.org", "{ScoreOf}"), (total.Value!.Value, total.System, total.Code));
        Assert.Equal("Patient/" + nhs, o.Subject.Reference);
        Assert.Equal("2026-11-24T08:20:00+00:00", ((FhirDateTime)o.Effective).Value);
        Assert.Equal(alert["alertId"]!.GetValue<string>(), o.Identifier.Single().Value);

        // Partial, said so: the interpretation, the note, and every NEWS2 parameter the home cannot measure.
        Assert.Contains(o.Interpretation.Single().Coding, c => c.Code == "partial");
        Assert.Contains(o.Interpretation.Single().Coding, c => c.Code == "emergency");
        Assert.Contains("PARTIAL NEWS2", o.Note.Single().Text, StringComparison.Ordinal);
        var notPerformed = o.Component.Where(c => c.DataAbsentReason?.Coding.Single().Code == "not-performed").Select(c => c.Code.Coding.Single().Code).ToList();
        Assert.Equal(new[] { "1104301000000104", "1104341000000101", "1104361000000100", "1104371000000107" }.OrderBy(x => x), notPerformed.OrderBy(x => x));
        var scored = o.Component.Where(c => c.Value != null).ToDictionary(c => c.Code.Coding.Single().Code!, c => ((Quantity)c.Value).Value!.Value);
        Assert.Equal(new Dictionary<string, decimal> { ["1104311000000102"] = 3, ["1104351000000103"] = 2, ["1104331000000105"] = 2 }, scored);

        // derivedFrom: the SpO2 and the pulse Observations of the stored reading; the reading not yet received is skipped.
        var derived = new List<string>();
        foreach (ResourceReference r in o.DerivedFrom)
        {
            derived.Add((await GetAsync<Observation>(app, "/fhir/" + r.Reference)).Identifier.Single().Value);
        }

        Assert.Equal(new[] { key, key + "#pulse" }.OrderBy(x => x), derived.OrderBy(x => x));
        Observation read = await GetAsync<Observation>(app, $"/fhir/Observation/{o.Id}");
        Assert.Equal(o.Id, read.Id);
    }

    [Fact]
    public async Task SearchObservations_ReadingsAndScores_PagingVisitsEachOnceAndOtherCodesExcludeScores()
    {
        var (app, _, gw, secret, nhs, unit) = await ArrangeAsync();
        await app.PostAsync(secret, gw, Enumerable.Range(1, 3).Select(i => Batches.Weight(unit, i, deviceTime: $"2026-11-2{i}T07:30:00")).ToArray());
        string key = Batches.Key(unit, 50, "00:1B:DC:44:55:66", null, "2026-11-24T08:15:00");
        await app.PostAlertsAsync(secret, gw, Alerts.News2(unit, Alerts.NewId(), key, key), Alerts.News2(unit, Alerts.NewId(), key, key));
        await app.PostAsync(secret, gw, Batches.Weight(unit, 4, deviceTime: "2026-11-25T07:30:00"));

        var seen = new List<string>();
        Bundle page = await GetAsync<Bundle>(app, $"/fhir/Observation?patient={nhs}&_count=2");
        while (true)
        {
            Assert.Equal(6, page.Total);
            seen.AddRange(page.Entry.Select(e => e.Resource.Id));
            if (page.NextLink == null)
            {
                break;
            }

            page = await GetAsync<Bundle>(app, page.NextLink.PathAndQuery);
        }

        Bundle weights = await GetAsync<Bundle>(app, $"/fhir/Observation?patient={nhs}&code=http://loinc.org|29463-7");
        Assert.Equal(6, seen.Distinct().Count());
        Assert.Equal(6, seen.Count);
        Assert.Equal(2, seen.Count(id => id.StartsWith("news2-", StringComparison.Ordinal)));
        Assert.Equal(4, weights.Total);
    }

    [Fact]
    public async Task ReadNews2Observation_MeetsEveryFixedValueCardinalityAndTypeOfTheUkCoreDifferential()
    {
        var (app, _, gw, secret, _, unit) = await ArrangeAsync();
        string key = Batches.Key(unit, 1, "00:1B:DC:44:55:66", null, "2026-11-24T08:15:00");
        JsonObject alert = Alerts.News2(unit, Alerts.NewId(), key, key);
        await app.PostAlertsAsync(secret, gw, alert);

        string json = await app.Fhir.GetStringAsync($"/fhir/Observation/news2-{alert["alertId"]!.GetValue<string>()}");

        FhirJson.Parse<Observation>(json);
        Assert.Equal("https://fhir.hl7.org.uk/StructureDefinition/UKCore-Observation-EarlyWarningTotalScore", FhirJson.Parse<Observation>(json).Meta.Profile.Single());
        // The Firely validator against the UK Core profile (snapshot from its differential): fixed values, cardinality, types, bindings.
        OperationOutcome outcome = UkCoreValidator.Shared.Validate(json);
        Assert.DoesNotContain(outcome.Issue, i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal);
    }

    [Fact]
    public async Task ReadNews2Observation_Unattributed_NotFound()
    {
        var (app, _, gw, secret, _, _) = await ArrangeAsync();
        string strayUnit = CloudApp.Unique("unit");
        string key = Batches.Key(strayUnit, 1, "00:1B:DC:44:55:66", null, "2026-11-24T08:15:00");
        JsonObject alert = Alerts.News2(strayUnit, Alerts.NewId(), key, key);
        await app.PostAlertsAsync(secret, gw, alert);

        using HttpResponseMessage response = await app.Fhir.GetAsync($"/fhir/Observation/news2-{alert["alertId"]!.GetValue<string>()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.NotFound, FhirJson.Parse<OperationOutcome>(await response.Content.ReadAsStringAsync()).Issue.Single().Code);
    }

    private static async Task<T> GetAsync<T>(CloudApp app, string path)
        where T : Resource
    {
        using HttpResponseMessage response = await app.Fhir.GetAsync(path);
        string json = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {json}");
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType!.MediaType);
        return FhirJson.Parse<T>(json);
    }
}
