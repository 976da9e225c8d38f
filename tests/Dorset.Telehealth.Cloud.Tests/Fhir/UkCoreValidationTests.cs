using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Dorset.Telehealth.Cloud.Tests.Fixtures;
using Dorset.Telehealth.UkCoreValidation;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Dorset.Telehealth.Cloud.Tests.Fhir;

/// <summary>
/// Every kind of resource the cloud serves, read over its FHIR API, validated by the Firely validator against the
/// UK Core STU2 conformance resources (issue 16 §1): each claims its profile and breaks none of its rules.
/// </summary>
public sealed class UkCoreValidationTests : IClassFixture<SqliteAppFixture>
{
    private readonly SqliteAppFixture _fixture;

    public UkCoreValidationTests(SqliteAppFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task EveryServedResourceKind_ClaimsItsUkCoreProfile_AndValidatesWithoutErrors()
    {
        var (app, _, gw, secret, nhs, unit) = await _fixture.ArrangeAssignedUnitAsync();
        JsonObject errorRecord = Batches.Reading(unit, 5, "pulse-oximetry", "pulse-oximeter", "00:1B:DC:44:55:66", null, "2026-07-01T07:05:00",
            System.Array.Empty<(string, string, string)>(), flags: "error-record");
        await app.PostAsync(secret, gw, Batches.Glucose(unit, 1, mmol: "5.40"), Batches.Oximetry(unit, 2), Batches.Weight(unit, 3), Batches.BloodPressure(unit, 4), errorRecord);
        string key = Batches.Key(unit, 2, "00:1B:DC:44:55:66", null, "2026-07-01T07:02:11");
        await app.PostAlertsAsync(secret, gw, Alerts.News2(unit, Alerts.NewId(), key, key), Alerts.Acknowledged(Alerts.Spo2(unit, Alerts.NewId(), readingKeys: key), 1));
        var served = new List<string>();
        foreach (string search in new[] { $"/fhir/Observation?patient={nhs}", $"/fhir/DetectedIssue?patient={nhs}" })
        {
            served.AddRange(JsonNode.Parse(await app.Fhir.GetStringAsync(search))!["entry"]!.AsArray().Select(e => e!["resource"]!.ToJsonString()));
        }

        served.Add(await app.Fhir.GetStringAsync($"/fhir/Patient/{nhs}"));

        var claimed = served.Select(json => (JsonNode.Parse(json)!["meta"]?["profile"]?[0]?.GetValue<string>() ?? JsonNode.Parse(json)!["resourceType"]!.GetValue<string>())
            .Replace("https://fhir.hl7.org.uk/StructureDefinition/", string.Empty, System.StringComparison.Ordinal)).Order().ToList();
        Assert.Equal(new[]
        {
            "DetectedIssue", "UKCore-Observation-BloodGlucose", "UKCore-Observation-EarlyWarningTotalScore", "UKCore-Observation-VitalSigns",
            "UKCore-Observation-VitalSigns-BloodPressure", "UKCore-Observation-VitalSigns-BodyWeight", "UKCore-Observation-VitalSigns-HeartRate",
            "UKCore-Observation-VitalSigns-HeartRate", "UKCore-Observation-VitalSigns-OxygenSaturation", "UKCore-Patient",
        }, claimed);
        Assert.All(served, json =>
        {
            OperationOutcome outcome = UkCoreValidator.Shared.Validate(json);
            Assert.True(!outcome.Issue.Any(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal),
                json + System.Environment.NewLine + UkCoreValidator.Describe(outcome));
        });
    }

    [Fact]
    public async Task ServedSpO2_WithTheUnitItWasServedWithBeforeUkCore_FailsValidation()
    {
        // The validator is not vacuous: the served SpO2 with the unit text served before issue 16 ("%") breaks the
        // fixed unit "percent" of the profile it claims.
        var (app, _, gw, secret, nhs, unit) = await _fixture.ArrangeAssignedUnitAsync();
        await app.PostAsync(secret, gw, Batches.Oximetry(unit, 1));
        JsonNode spo2 = JsonNode.Parse(await app.Fhir.GetStringAsync($"/fhir/Observation?patient={nhs}&code=http://loinc.org|2708-6"))!["entry"]![0]!["resource"]!;
        spo2["valueQuantity"]!["unit"] = "%";

        OperationOutcome outcome = UkCoreValidator.Shared.Validate(spo2.ToJsonString());

        Assert.Contains(outcome.Issue, i => i.Severity == OperationOutcome.IssueSeverity.Error && i.Details.Text.Contains("fixed value 'percent'", System.StringComparison.Ordinal));
    }
}
