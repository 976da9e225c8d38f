using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Registry;
using Dorset.Telehealth.Cloud.Tests.Fixtures;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Dorset.Telehealth.Cloud.Tests.Contract;

/// <summary>
/// The batch contract (cloud/README.md) against a store: the same suite runs on SQLite and on PostgreSQL
/// (issue 5 §5) through the two concrete subclasses below.
/// </summary>
public abstract partial class IngestionContractTests
{
    private readonly CloudAppFixture _fixture;

    /// <summary>Creates the suite on <paramref name="fixture"/>'s store.</summary>
    protected IngestionContractTests(CloudAppFixture fixture)
    {
        _fixture = fixture;
    }

    /// <summary>A hub with its gateway, a patient and a unit assigned to them since 2026-01-01.</summary>
    protected Task<(CloudApp App, string Hub, string GatewayId, string Secret, string Nhs, string Unit)> ArrangeAsync() => _fixture.ArrangeAssignedUnitAsync();

    [Fact]
    public async Task PostBatch_NewReadings_AllAccepted()
    {
        var (app, _, gw, secret, _, unit) = await ArrangeAsync();
        JsonObject[] readings = { Batches.Glucose(unit, 1), Batches.Oximetry(unit, 2), Batches.Weight(unit, 3), Batches.BloodPressure(unit, 4) };

        var (status, body) = await app.PostAsync(secret, gw, readings);

        Assert.Equal(200, status);
        Assert.Equal(readings.Select(r => r["key"]!.GetValue<string>()), Batches.Keys(body!, "accepted"));
        Assert.Empty(Batches.Keys(body!, "duplicate"));
        Assert.Empty(Batches.Keys(body!, "rejected"));
    }

    [Fact]
    public async Task PostBatch_SameBatchAgain_AllDuplicateAndStoredOnce()
    {
        var (app, _, gw, secret, nhs, unit) = await ArrangeAsync();
        JsonObject[] readings = { Batches.Glucose(unit, 1), Batches.Weight(unit, 2) };
        await app.PostAsync(secret, gw, readings);

        var (status, body) = await app.PostAsync(secret, gw, readings);

        Assert.Equal(200, status);
        Assert.Empty(Batches.Keys(body!, "accepted"));
        Assert.Equal(readings.Select(r => r["key"]!.GetValue<string>()), Batches.Keys(body!, "duplicate"));
        Bundle bundle = await SearchAsync(app, $"patient={nhs}");
        Assert.Equal(2, bundle.Total);
    }

    [Fact]
    public async Task PostBatch_MixedSeenAndNew_EveryKeyInExactlyOneListInRequestOrder()
    {
        var (app, hub, gw, secret, _, unit) = await ArrangeAsync();
        string foreignUnit = CloudApp.Unique("unit");
        await app.Store.AssignUnitAsync(foreignUnit, await app.AddPatientAsync(), DateTimeOffset.UnixEpoch, CloudApp.Unique("otherhub"));
        await app.PostAsync(secret, gw, Batches.Glucose(unit, 2));

        JsonObject[] readings = { Batches.Glucose(unit, 1), Batches.Glucose(unit, 2), Batches.Glucose(foreignUnit, 3), Batches.Glucose(unit, 4) };
        var (status, body) = await app.PostAsync(secret, gw, readings);

        Assert.Equal(200, status);
        string[] keys = readings.Select(r => r["key"]!.GetValue<string>()).ToArray();
        Assert.Equal(new[] { keys[0], keys[3] }, Batches.Keys(body!, "accepted"));
        Assert.Equal(new[] { keys[1] }, Batches.Keys(body!, "duplicate"));
        Assert.Equal(new[] { keys[2] }, Batches.Keys(body!, "rejected"));
        string reason = body!["rejected"]![0]!["reason"]!.GetValue<string>();
        Assert.StartsWith("unit-of-another-hub: ", reason, StringComparison.Ordinal);
        Assert.Contains(hub, reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostBatch_SameKeyDifferentValue_RejectedAsKeyConflictAndOriginalKept()
    {
        var (app, _, gw, secret, nhs, unit) = await ArrangeAsync();
        await app.PostAsync(secret, gw, Batches.Glucose(unit, 1, mmol: "5.4"));

        var (status, body) = await app.PostAsync(secret, gw, Batches.Glucose(unit, 1, mmol: "9.9"));

        Assert.Equal(200, status);
        Assert.StartsWith("key-conflict: ", body!["rejected"]![0]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Bundle bundle = await SearchAsync(app, $"patient={nhs}");
        Assert.Equal(5.4m, ((Quantity)((Observation)bundle.Entry.Single().Resource).Value).Value);
    }

    [Fact]
    public async Task PostBatch_DifferentGatewayNoteAndReceiptTime_StillDuplicate()
    {
        var (app, hub, gw, secret, _, unit) = await ArrangeAsync();
        (string gw2, string secret2) = await app.AddGatewayAsync(hub);
        await app.PostAsync(secret, gw, Batches.Glucose(unit, 1));
        JsonObject again = Batches.Glucose(unit, 1, gatewayReceivedAt: "2026-11-24T09:00:00Z");
        again["gatewayNote"] = "re-sent after a restore from backup";

        var (status, body) = await app.PostAsync(secret2, gw2, again);

        Assert.Equal(200, status);
        Assert.Single(Batches.Keys(body!, "duplicate"));
    }

    [Fact]
    public async Task PostBatch_NoCredential_Returns401WithBearerChallenge()
    {
        var (app, _, gw, _, _, unit) = await ArrangeAsync();

        using HttpResponseMessage response = await app.PostBatchAsync(null, Batches.Body(gw, Batches.Glucose(unit, 1)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task PostBatch_WrongSecret_Returns401()
    {
        var (app, _, gw, secret, _, unit) = await ArrangeAsync();

        var (status, _) = await app.PostAsync(secret + "x", gw, Batches.Glucose(unit, 1));

        Assert.Equal(401, status);
    }

    [Fact]
    public async Task PostBatch_RevokedGateway_Returns401AndStoresNothing()
    {
        var (app, _, gw, secret, nhs, unit) = await ArrangeAsync();
        Assert.True(await app.Store.RevokeGatewayAsync(gw));

        var (status, _) = await app.PostAsync(secret, gw, Batches.Glucose(unit, 1));

        Assert.Equal(401, status);
        Assert.Equal(0, (await SearchAsync(app, $"patient={nhs}")).Total);
    }

    [Fact]
    public async Task PostBatch_GatewayIdOfAnotherGateway_Returns403()
    {
        var (app, hub, _, secret, _, unit) = await ArrangeAsync();
        (string otherId, _) = await app.AddGatewayAsync(hub);

        var (status, _) = await app.PostAsync(secret, otherId, Batches.Glucose(unit, 1));

        Assert.Equal(403, status);
    }

    [Fact]
    public async Task PostBatch_MalformedJson_Returns400AndStoresNothing()
    {
        var (app, _, gw, secret, nhs, unit) = await ArrangeAsync();
        string body = Batches.Body(gw, Batches.Glucose(unit, 1));

        using HttpResponseMessage response = await app.PostBatchAsync(secret, body[..^5]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(0, (await SearchAsync(app, $"patient={nhs}")).Total);
    }

    [Theory]
    [InlineData("spo2-101", "readings[2].values[0].value")]
    [InlineData("negative-pulse", "readings[2].values[1].value")]
    [InlineData("exponent", "readings[2].values[0].value")]
    [InlineData("unknown-flag", "readings[2].flags[0]")]
    [InlineData("lower-case-address", "readings[2].device.address")]
    [InlineData("key-not-canonical", "readings[2].key")]
    [InlineData("device-kind-mismatch", "readings[2].device.kind")]
    [InlineData("received-at-without-zone", "readings[2].receivedAt")]
    [InlineData("missing-spo2", "readings[2].values")]
    [InlineData("unit-in-kpa", "readings[2].values[0].name")]
    [InlineData("month-13", "readings[2].deviceTime")]
    public async Task PostBatch_ImpossibleThirdItem_Returns400NamingItAndStoresNothing(string defect, string field)
    {
        var (app, _, gw, secret, nhs, unit) = await ArrangeAsync();
        JsonObject bad = Batches.Oximetry(unit, 3);
        string key = bad["key"]!.GetValue<string>();
        switch (defect)
        {
            case "spo2-101": bad["values"]![0]!["value"] = "101"; break;
            case "negative-pulse": bad["values"]![1]!["value"] = "-1"; break;
            case "exponent": bad["values"]![0]!["value"] = JsonNode.Parse("9.6e1"); break;
            case "unknown-flag": bad["flags"] = new JsonArray("sparkly"); break;
            case "lower-case-address": bad["device"]!["address"] = "00:1b:dc:44:55:66"; key = null!; break;
            case "key-not-canonical": bad["key"] = "whatever"; key = "whatever"; break;
            case "device-kind-mismatch": bad["device"]!["kind"] = "weight-scale"; break;
            case "received-at-without-zone": bad["receivedAt"] = "2026-07-01T06:03:00"; break;
            case "missing-spo2": bad["values"] = new JsonArray(new JsonObject { ["name"] = "pulse", ["value"] = "70", ["unit"] = "/min" }); break;
            case "unit-in-kpa": bad["values"]![0]!["unit"] = "kPa"; break;
            case "month-13": bad["deviceTime"] = "2026-13-01T07:02:11"; bad["key"] = Batches.Key(unit, 3, "00:1B:DC:44:55:66", null, "2026-13-01T07:02:11"); key = bad["key"]!.GetValue<string>(); break;
        }

        JsonObject[] readings = { Batches.Glucose(unit, 1), Batches.Weight(unit, 2), bad, Batches.Glucose(unit, 4) };
        var (status, body) = await app.PostAsync(secret, gw, readings);

        Assert.Equal(400, status);
        Assert.Equal(2, body!["index"]!.GetValue<int>());
        Assert.Equal(field, body["field"]!.GetValue<string>());
        if (key != null)
        {
            Assert.Equal(key, body["key"]!.GetValue<string>());
        }

        Assert.False(string.IsNullOrWhiteSpace(body["detail"]!.GetValue<string>()));
        // Nothing of the batch was stored: the valid items are new when sent alone.
        Assert.Equal(0, (await SearchAsync(app, $"patient={nhs}")).Total);
        var (again, retry) = await app.PostAsync(secret, gw, readings[0], readings[1]);
        Assert.Equal(200, again);
        Assert.Equal(2, Batches.Keys(retry!, "accepted").Length);
    }

    [Fact]
    public async Task PostBatch_RepeatedKeyWithinBatch_Returns400NamingSecondOccurrence()
    {
        var (app, _, gw, secret, _, unit) = await ArrangeAsync();

        var (status, body) = await app.PostAsync(secret, gw, Batches.Glucose(unit, 1), Batches.Weight(unit, 2), Batches.Glucose(unit, 1));

        Assert.Equal(400, status);
        Assert.Equal(2, body!["index"]!.GetValue<int>());
    }

    [Fact]
    public async Task PostBatch_NumbersAsJsonNumbers_KeptExactly()
    {
        var (app, _, gw, secret, nhs, unit) = await ArrangeAsync();
        JsonObject weight = Batches.Weight(unit, 1);
        weight["values"]![0]!["value"] = JsonNode.Parse("82.350");

        var (status, _) = await app.PostAsync(secret, gw, weight);

        Assert.Equal(200, status);
        Observation o = (Observation)(await SearchAsync(app, $"patient={nhs}")).Entry.Single().Resource;
        Assert.Equal("82.350", ((Quantity)o.Value).Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task PostBatch_OversizedBody_Returns413()
    {
        var (app, _, gw, secret, _, unit) = await ArrangeAsync();
        JsonObject reading = Batches.Glucose(unit, 1);
        reading["gatewayNote"] = null;
        reading["padding"] = new string('x', new IngestionOptions().MaxBodyBytes + 10);

        var (status, _) = await app.PostAsync(secret, gw, reading);

        Assert.Equal(413, status);
    }

    [Fact]
    public async Task PostBatch_OversizedBodyWithoutContentLength_Returns413AndStoresNothing()
    {
        var (app, _, gw, secret, _, unit) = await ArrangeAsync();
        JsonObject reading = Batches.Glucose(unit, 1);
        reading["padding"] = new string('x', new IngestionOptions().MaxBodyBytes + 10);
        var (before, _) = await app.Store.CountReadingsAsync();

        using HttpResponseMessage response = await app.PostBatchAsync(secret, Batches.Body(gw, reading), withoutLength: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, (await app.Store.CountReadingsAsync()).Total);
    }

    [Fact]
    public async Task PostBatch_LargeBodyWithoutContentLength_EveryReadingAccepted()
    {
        // 300 readings are ~90 KiB: the server's body buffer grows several times while it counts the bytes.
        var (app, _, gw, secret, _, unit) = await ArrangeAsync();
        JsonObject[] readings = Enumerable.Range(1, 300).Select(i => Batches.Weight(unit, i)).ToArray();

        using HttpResponseMessage response = await app.PostBatchAsync(secret, Batches.Body(gw, readings), withoutLength: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(300, Batches.Keys(body, "accepted").Length);
    }

    [Fact]
    public async Task PostBatch_AsManyReadingsAsTheLimit_AllAccepted()
    {
        var (app, _, gw, secret, _, unit) = await ArrangeAsync();
        int limit = new IngestionOptions().MaxBatchReadings;

        var (status, body) = await app.PostAsync(secret, gw, Enumerable.Range(1, limit).Select(i => Batches.Weight(unit, i)).ToArray());

        Assert.Equal(200, status);
        Assert.Equal(limit, Batches.Keys(body!, "accepted").Length);
    }

    [Fact]
    public async Task PostBatch_OneReadingMoreThanTheLimit_Returns413AndStoresNothing()
    {
        // 413, not 400: a gateway halves a batch the cloud finds too large, but isolates item by item on a 400.
        var (app, _, gw, secret, _, unit) = await ArrangeAsync();
        JsonObject[] readings = Enumerable.Range(1, new IngestionOptions().MaxBatchReadings + 1).Select(i => Batches.Weight(unit, i)).ToArray();
        var (before, _) = await app.Store.CountReadingsAsync();

        var (status, body) = await app.PostAsync(secret, gw, readings);

        Assert.Equal(413, status);
        Assert.Contains($"readings must hold 1..{readings.Length - 1} items, got {readings.Length}", body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, (await app.Store.CountReadingsAsync()).Total);
    }

    [Fact]
    public async Task PostBatch_NotJsonContentType_Returns415()
    {
        var (app, _, gw, secret, _, unit) = await ArrangeAsync();

        using HttpResponseMessage response = await app.PostBatchAsync(secret, Batches.Body(gw, Batches.Glucose(unit, 1)), "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task PostBatch_UnitWithoutPatient_AcceptedStoredUnassignedAndNeverServed()
    {
        var (app, hub, gw, secret, _, _) = await ArrangeAsync();
        string newUnit = CloudApp.Unique("unit");

        var (status, body) = await app.PostAsync(secret, gw, Batches.Glucose(newUnit, 1));

        Assert.Equal(200, status);
        Assert.Single(Batches.Keys(body!, "accepted"));
        var (total, unassigned) = await app.Store.CountReadingsAsync();
        Assert.True(unassigned >= 1 && total >= unassigned);
        string later = await app.AddPatientAsync();

        var assigned = await app.Store.AssignUnitAsync(newUnit, later, DateTimeOffset.Parse("2026-11-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), hub);

        Assert.Equal(1, assigned.Reattributed);
        Bundle bundle = await SearchAsync(app, $"patient={later}");
        Assert.Equal(1, bundle.Total);
    }

    [Fact]
    public async Task PostBatch_OtherUserOfASharedScale_StoredButNeverThePatients_EvenAfterReassignment()
    {
        var (app, hub, gw, secret, nhs, unit) = await ArrangeAsync();
        // Received (and so attributed) after the patient's own weight, at 08:17:03.
        JsonObject household = Batches.Weight(unit, 2, kg: "95.10", deviceTime: "2026-11-24T09:59:00");
        household["receivedAt"] = "2026-11-24T10:00:00Z";
        household["flags"] = new JsonArray("other-user");

        var (status, body) = await app.PostAsync(secret, gw, Batches.Weight(unit, 1, kg: "82.35"), household);

        Assert.Equal(200, status);
        Assert.Equal(2, Batches.Keys(body!, "accepted").Length);
        Bundle patients = await SearchAsync(app, $"patient={nhs}");
        Assert.Equal("82.35", ((Quantity)((Observation)patients.Entry.Single().Resource).Value).Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var (_, unassigned) = await app.Store.CountReadingsAsync();
        Assert.True(unassigned >= 1);

        // A later assignment re-attributes a unit's unassigned readings, but never another user's weights.
        string next = await app.AddPatientAsync();
        var assigned = await app.Store.AssignUnitAsync(unit, next, DateTimeOffset.Parse("2026-11-24T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture), hub);

        Assert.Equal(0, assigned.Reattributed);
        Assert.Equal(0, (await SearchAsync(app, $"patient={next}")).Total);
    }

    [Fact]
    public async Task Fhir_WithoutAReaderSecret_IsRefused_AndAGatewaySecretNeverReadsIt()
    {
        var (app, _, gw, secret, nhs, unit) = await ArrangeAsync();
        await app.PostAsync(secret, gw, Batches.Glucose(unit, 1));

        using HttpResponseMessage none = await app.Client.GetAsync($"/fhir/Observation?patient={nhs}");
        using var asGateway = new HttpRequestMessage(HttpMethod.Get, $"/fhir/Patient/{nhs}");
        asGateway.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        using HttpResponseMessage gateway = await app.Client.SendAsync(asGateway);
        using var asStranger = new HttpRequestMessage(HttpMethod.Get, $"/fhir/Observation?patient={nhs}");
        asStranger.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", BearerSecret.New(BearerSecret.ReaderPrefix));
        using HttpResponseMessage stranger = await app.Client.SendAsync(asStranger);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, gateway.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stranger.StatusCode);
        Assert.Equal(1, (await SearchAsync(app, $"patient={nhs}")).Total);
    }

    [Fact]
    public async Task Fhir_RevokedReader_IsRefusedFromTheNextRequest_AndAReaderCannotPostReadings()
    {
        var (app, _, gw, _, nhs, unit) = await ArrangeAsync();
        string id = CloudApp.Unique("reader");
        string reader = BearerSecret.New(BearerSecret.ReaderPrefix);
        await app.Store.AddReaderAsync(id, "Ward 4 EHR", BearerSecret.Hash(reader));

        HttpStatusCode before = await GetAsAsync(app, reader, $"/fhir/Observation?patient={nhs}");
        var (post, _) = await app.PostAsync(reader, gw, Batches.Glucose(unit, 1));
        Assert.True(await app.Store.RevokeReaderAsync(id));
        HttpStatusCode after = await GetAsAsync(app, reader, $"/fhir/Observation?patient={nhs}");

        Assert.Equal(HttpStatusCode.OK, before);
        Assert.Equal(HttpStatusCode.Unauthorized, after);
        Assert.Equal(403, post);
    }

    [Fact]
    public async Task ReadObservation_UnassignedReading_Returns404()
    {
        var (app, _, gw, secret, _, unit) = await ArrangeAsync();
        JsonObject assigned = Batches.Glucose(unit, 1);
        JsonObject unassigned = Batches.Glucose(CloudApp.Unique("unit"), 1);
        await app.PostAsync(secret, gw, assigned, unassigned);

        using HttpResponseMessage served = await app.Fhir.GetAsync($"/fhir/Observation/{await FhirIdAsync(app, assigned)}");
        using HttpResponseMessage response = await app.Fhir.GetAsync($"/fhir/Observation/{await FhirIdAsync(app, unassigned)}");

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        OperationOutcome outcome = FhirJson.Parse<OperationOutcome>(await response.Content.ReadAsStringAsync());
        Assert.Equal(OperationOutcome.IssueType.NotFound, outcome.Issue.Single().Code);
    }

    /// <summary>The stored Observation id of <paramref name="reading"/>, from the database (an unassigned one is in no search).</summary>
    private static async Task<string> FhirIdAsync(CloudApp app, JsonObject reading) =>
        (string)(await CloudDatabase.ScalarAsync(app.StoreOptions, "SELECT fhir_id FROM readings WHERE reading_key = @k", ("k", reading["key"]!.GetValue<string>())))!;

    [Fact]
    public async Task AssignUnit_ReissuedToAnotherPatient_ReadingsOfEachPeriodGoToTheirPatient()
    {
        var (app, _, gw, secret, first, unit) = await ArrangeAsync();
        string second = await app.AddPatientAsync();
        await app.PostAsync(secret, gw, Batches.Glucose(unit, 1, receivedAt: "2026-11-24T08:17:03Z"));

        await Assert.ThrowsAsync<Dorset.Telehealth.Cloud.Storage.RegistryException>(
            () => app.Store.AssignUnitAsync(unit, second, DateTimeOffset.Parse("2026-11-24T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture), null));
        var result = await app.Store.AssignUnitAsync(unit, second, DateTimeOffset.Parse("2026-11-25T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), null);
        await app.PostAsync(secret, gw, Batches.Glucose(unit, 2, deviceTime: "2026-11-25T08:00:00", receivedAt: "2026-11-25T08:01:00Z", gatewayReceivedAt: "2026-11-25T08:01:01Z"));

        Assert.Equal(first, result.ClosedPatient);
        Bundle a = await SearchAsync(app, $"patient={first}");
        Bundle b = await SearchAsync(app, $"patient={second}");
        Assert.Equal(Batches.Key(unit, 1, "C0:26:DA:01:02:03", 1001, "2026-11-24T08:15:00"), ((Observation)a.Entry.Single().Resource).Identifier.Single().Value);
        Assert.Equal(Batches.Key(unit, 2, "C0:26:DA:01:02:03", 1002, "2026-11-25T08:00:00"), ((Observation)b.Entry.Single().Resource).Identifier.Single().Value);
    }

    [Fact]
    public async Task SearchObservations_AllKinds_CodesUnitsAndValuesAsInClinicalTable()
    {
        var (app, hub, gw, secret, nhs, unit) = await ArrangeAsync();
        await app.PostAsync(secret, gw, Batches.Glucose(unit, 1, mmol: "5.40"), Batches.Oximetry(unit, 2), Batches.Weight(unit, 3), Batches.BloodPressure(unit, 4));

        Bundle bundle = await SearchAsync(app, $"patient={nhs}&_count=50");

        Assert.Equal(Bundle.BundleType.Searchset, bundle.Type);
        Assert.Equal(6, bundle.Total);
        var all = bundle.Entry.Select(e => (Observation)e.Resource).ToList();
        Assert.All(all, o =>
        {
            Assert.Equal(ObservationStatus.Final, o.Status);
            Assert.Equal("Patient/" + nhs, o.Subject.Reference);
            Assert.Equal("https://fhir.nhs.uk/Id/nhs-number", o.Subject.Identifier.System);
            Assert.Equal(nhs, o.Subject.Identifier.Value);
            Assert.StartsWith("Device/", o.Device.Reference, StringComparison.Ordinal);
            Assert.Equal("http://hl7.org/fhir/sid/eui-48/bluetooth", o.Device.Identifier.System);
            Extension gateway = o.GetExtension("http://hl7.org/fhir/uv/phd/StructureDefinition/ExtGatewayDevice");
            Assert.Equal(gw, ((ResourceReference)gateway.Value).Identifier.Value);
            Assert.Contains(hub, ((ResourceReference)gateway.Value).Display, StringComparison.Ordinal);
            Assert.Equal("https://dorset-telehealth.nhs.uk/fhir/Id/reading-key", o.Identifier.Single().System);
        });

        Observation glucose = Single(all, "http://loinc.org", "15074-8");
        AssertCodes(glucose, ("urn:iso:std:iso:11073:10101", "160184"), ("http://loinc.org", "15074-8"), ("http://snomed.info/sct", "997671000000106"));
        Assert.Equal("finger", glucose.BodySite.Text);
        Assert.Equal("laboratory", glucose.Category.Single().Coding.Single().Code);
        AssertQuantity(glucose.Value, "5.40", "mmol/L");
        Assert.Equal("2026-11-24T08:15:00+00:00", ((FhirDateTime)glucose.Effective).Value);

        Observation spo2 = Single(all, "http://loinc.org", "2708-6");
        AssertCodes(spo2, ("urn:iso:std:iso:11073:10101", "150456"), ("http://loinc.org", "2708-6"), ("http://snomed.info/sct", "431314004"));
        Assert.Equal("vital-signs", spo2.Category.Single().Coding.Single().Code);
        AssertQuantity(spo2.Value, "96", "%");
        // BST: the device's 07:02:11 local is 06:02:11Z.
        Assert.Equal("2026-07-01T07:02:11+01:00", ((FhirDateTime)spo2.Effective).Value);

        Observation oxPulse = Single(all, "urn:iso:std:iso:11073:10101", "149530");
        AssertCodes(oxPulse, ("urn:iso:std:iso:11073:10101", "149530"), ("http://loinc.org", "8867-4"), ("http://snomed.info/sct", "78564009"));
        AssertQuantity(oxPulse.Value, "72", "/min");
        Assert.Equal(spo2.Id + "-pulse", oxPulse.Id);

        Observation weight = Single(all, "http://loinc.org", "29463-7");
        AssertCodes(weight, ("urn:iso:std:iso:11073:10101", "188736"), ("http://loinc.org", "29463-7"), ("http://snomed.info/sct", "27113001"));
        AssertQuantity(weight.Value, "82.35", "kg");

        Observation bp = Single(all, "http://loinc.org", "85354-9");
        Assert.Contains(bp.Code.Coding, c => c.System == "http://snomed.info/sct" && c.Code == "75367002");
        Assert.Null(bp.Value);
        Observation.ComponentComponent sys = bp.Component.Single(c => c.Code.Coding.Any(x => x.Code == "8480-6"));
        Observation.ComponentComponent dia = bp.Component.Single(c => c.Code.Coding.Any(x => x.Code == "8462-4"));
        Assert.Contains(sys.Code.Coding, c => c.System == "http://snomed.info/sct" && c.Code == "72313002");
        Assert.Contains(dia.Code.Coding, c => c.System == "http://snomed.info/sct" && c.Code == "1091811000000102");
        AssertQuantity(sys.Value, "128", "mm[Hg]");
        AssertQuantity(dia.Value, "82", "mm[Hg]");
        Observation bpPulse = Single(all, "urn:iso:std:iso:11073:10101", "149546");
        AssertQuantity(bpPulse.Value, "64", "/min");
    }

    [Fact]
    public async Task SearchObservations_Paging_NextLinksVisitEveryObservationOnce()
    {
        var (app, _, gw, secret, nhs, unit) = await ArrangeAsync();
        await app.PostAsync(secret, gw, Enumerable.Range(1, 7).Select(i => Batches.Weight(unit, i, deviceTime: $"2026-11-2{i}T07:30:00")).ToArray());

        var seen = new System.Collections.Generic.List<string>();
        Bundle page = await SearchAsync(app, $"patient={nhs}&_count=3");
        int pages = 1;
        Assert.Null(page.PreviousLink);
        while (true)
        {
            Assert.Equal(7, page.Total);
            seen.AddRange(page.Entry.Select(e => e.Resource.Id));
            if (page.NextLink == null)
            {
                break;
            }

            page = await SearchAsync(app, page.NextLink.PathAndQuery["/fhir/Observation?".Length..]);
            Assert.NotNull(page.PreviousLink);
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(7, seen.Distinct().Count());
        Assert.Equal(7, seen.Count);
    }

    [Fact]
    public async Task SearchObservations_PagingParametersInAnotherCase_EveryLinkPagesWithOneCountAndOneOffset()
    {
        // Found by fuzzing (tests/Dorset.Telehealth.Fuzz, fhir-search): ASP.NET read `_OFFSET` as `_offset`, and the
        // links copied it beside their own `_offset`, so each link named the paging parameters twice. FHIR's names are
        // case-sensitive: `_COUNT` and `_Offset` are unknown parameters, ignored and left out of every link.
        var (app, _, gw, secret, nhs, unit) = await ArrangeAsync();
        await app.PostAsync(secret, gw, Enumerable.Range(1, 4).Select(i => Batches.Weight(unit, i, deviceTime: $"2026-11-2{i}T07:30:00")).ToArray());

        Bundle page = await SearchAsync(app, $"patient={nhs}&_count=2&_COUNT=3&_Offset=1");

        Assert.Equal(2, page.Entry.Count);
        Assert.All(page.Link, link =>
        {
            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(link.Url).Query);
            Assert.Single(query["_count"]);
            Assert.Single(query["_offset"]);
            Assert.DoesNotContain("_COUNT", link.Url, StringComparison.Ordinal);
            Assert.DoesNotContain("_Offset", link.Url, StringComparison.Ordinal);
        });
        Assert.Equal("2", Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(page.NextLink!.Query)["_offset"]);
    }

    [Fact]
    public async Task SearchObservations_OffsetAtTheIntegerLimit_NoNextLink_AndNoLinkWithANegativeOffset()
    {
        // Found by fuzzing (fhir-search): offset + count overflowed, so a page past the end had a "next" link with
        // _offset=-2147483644, which the server itself refuses.
        var (app, _, gw, secret, nhs, unit) = await ArrangeAsync();
        await app.PostAsync(secret, gw, Batches.Weight(unit, 1, deviceTime: "2026-11-21T07:30:00"));

        Bundle page = await SearchAsync(app, $"patient={nhs}&_count=5&_offset={int.MaxValue}");

        Assert.Empty(page.Entry);
        Assert.Null(page.NextLink);
        Assert.All(page.Link, link =>
            Assert.True(int.Parse(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(link.Url).Query)["_offset"]!, System.Globalization.CultureInfo.InvariantCulture) >= 0, link.Url));
    }

    [Fact]
    public async Task SearchObservations_CodeAndDateFilters_OnlyMatchingObservations()
    {
        var (app, _, gw, secret, nhs, unit) = await ArrangeAsync();
        await app.PostAsync(secret, gw, Batches.Oximetry(unit, 1), Batches.BloodPressure(unit, 2), Batches.Glucose(unit, 3));

        Bundle heartRate = await SearchAsync(app, $"patient={nhs}&code=http://loinc.org|8867-4");
        Bundle spo2 = await SearchAsync(app, $"patient={nhs}&code=urn:iso:std:iso:11073:10101|150456");
        Bundle november = await SearchAsync(app, $"patient={nhs}&date=ge2026-11-01&date=lt2026-12-01T00:00:00Z");
        Bundle july = await SearchAsync(app, $"patient={nhs}&date=le2026-07-31");

        Assert.Equal(2, heartRate.Total);
        Assert.All(heartRate.Entry, e => Assert.EndsWith("-pulse", e.Resource.Id, StringComparison.Ordinal));
        Assert.Equal(1, spo2.Total);
        Assert.Equal(3, november.Total); // BP panel, BP pulse, glucose
        Assert.Equal(2, july.Total); // SpO2 and its pulse
    }

    [Fact]
    public async Task ReadObservation_UnsynchronisedUnitClock_GatewayReceiptTimeWithExtensionAndNote()
    {
        var (app, _, gw, secret, nhs, unit) = await ArrangeAsync();
        await app.PostAsync(secret, gw, Batches.Glucose(unit, 1, deviceTime: "2000-01-01T00:05:00", clockSynchronised: false,
            receivedAt: "2000-01-01T00:06:00Z", gatewayReceivedAt: "2026-11-24T10:00:00Z"));
        string id = (await SearchAsync(app, $"patient={nhs}")).Entry.Single().Resource.Id;

        using HttpResponseMessage response = await app.Fhir.GetAsync($"/fhir/Observation/{id}");

        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType!.MediaType);
        Observation o = FhirJson.Parse<Observation>(await response.Content.ReadAsStringAsync());
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), ((FhirDateTime)o.Effective).ToDateTimeOffset(TimeSpan.Zero));
        Assert.Equal("gateway-receipt", ((Code)o.GetExtension("https://dorset-telehealth.nhs.uk/fhir/StructureDefinition/effective-time-source").Value).Value);
        Assert.Equal("2000-01-01T00:05:00", ((FhirString)o.GetExtension("https://dorset-telehealth.nhs.uk/fhir/StructureDefinition/device-reported-time").Value).Value);
        Assert.Contains(o.Note, n => n.Text.Contains("not synchronised", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadObservation_FlaggedReading_InterpretationNamesFlags()
    {
        var (app, _, gw, secret, nhs, unit) = await ArrangeAsync();
        await app.PostAsync(secret, gw, Batches.Glucose(unit, 1, mmol: "33.3", flags: new[] { "high", "control-solution" }));

        Observation o = (Observation)(await SearchAsync(app, $"patient={nhs}")).Entry.Single().Resource;

        var codes = o.Interpretation.Single().Coding.Select(c => c.Code).ToList();
        Assert.Contains("control-solution", codes);
        Assert.Contains("high", codes);
        Assert.Contains("H", codes);
        Assert.Equal(Quantity.QuantityComparator.GreaterOrEqual, ((Quantity)o.Value).Comparator);
    }

    [Fact]
    public async Task ReadPatientAndDevice_Registered_ServedAsFhir()
    {
        var (app, _, gw, secret, nhs, unit) = await ArrangeAsync();
        await app.PostAsync(secret, gw, Batches.Oximetry(unit, 1));

        Patient patient = FhirJson.Parse<Patient>(await app.Fhir.GetStringAsync($"/fhir/Patient/{nhs}"));
        Device device = FhirJson.Parse<Device>(await app.Fhir.GetStringAsync("/fhir/Device/00-1B-DC-44-55-66"));
        using HttpResponseMessage missing = await app.Fhir.GetAsync($"/fhir/Patient/{NhsNumbers.Next()}");

        Assert.Equal(nhs, patient.Identifier.Single(i => i.System == "https://fhir.nhs.uk/Id/nhs-number").Value);
        Assert.Equal("00-1B-DC-44-55-66", device.Identifier.Single().Value);
        Assert.Equal("528388", device.Type.Coding.Single().Code);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task SearchObservations_InvalidNhsNumber_Returns400WithReason()
    {
        var (app, _, _, _, _, _) = await ArrangeAsync();

        using HttpResponseMessage response = await app.Fhir.GetAsync("/fhir/Observation?patient=9434765918");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        OperationOutcome outcome = FhirJson.Parse<OperationOutcome>(await response.Content.ReadAsStringAsync());
        Assert.Contains("check digit", outcome.Issue.Single().Diagnostics, StringComparison.Ordinal);
    }

    /// <summary>Searches and parses the Bundle with the Firely parser.</summary>
    private static async Task<HttpStatusCode> GetAsAsync(CloudApp app, string secret, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        using HttpResponseMessage response = await app.Client.SendAsync(request);
        return response.StatusCode;
    }

    protected static async Task<Bundle> SearchAsync(CloudApp app, string query)
    {
        using HttpResponseMessage response = await app.Fhir.GetAsync("/fhir/Observation?" + query);
        string json = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, json);
        return FhirJson.Parse<Bundle>(json);
    }

    private static Observation Single(System.Collections.Generic.IEnumerable<Observation> all, string system, string code) =>
        all.Single(o => o.Code.Coding.Any(c => c.System == system && c.Code == code));

    private static void AssertCodes(Observation o, params (string System, string Code)[] expected)
    {
        Assert.Equal(expected.OrderBy(e => e.System + e.Code), o.Code.Coding.Select(c => (c.System, c.Code)).OrderBy(e => e.System + e.Code));
    }

    private static void AssertQuantity(DataType? value, string exact, string ucum)
    {
        var q = Assert.IsType<Quantity>(value);
        Assert.Equal(exact, q.Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("http://unitsofmeasure.org", q.System);
        Assert.Equal(ucum, q.Code);
    }
}

/// <summary>The contract on SQLite (the default store).</summary>
public sealed class SqliteIngestionContractTests : IngestionContractTests, IClassFixture<SqliteAppFixture>
{
    /// <summary>Creates the suite.</summary>
    public SqliteIngestionContractTests(SqliteAppFixture fixture)
        : base(fixture)
    {
    }
}

/// <summary>The contract on PostgreSQL (production); skips when PostgreSQL 15 is not installed.</summary>
public sealed class PostgresIngestionContractTests : IngestionContractTests, IClassFixture<PostgresAppFixture>
{
    /// <summary>Creates the suite.</summary>
    public PostgresIngestionContractTests(PostgresAppFixture fixture)
        : base(fixture)
    {
    }
}
