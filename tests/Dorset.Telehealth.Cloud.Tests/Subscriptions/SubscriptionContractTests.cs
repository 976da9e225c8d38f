using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Registry;
using Dorset.Telehealth.Cloud.Storage;
using Dorset.Telehealth.Cloud.Tests.Fixtures;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Dorset.Telehealth.Cloud.Tests.Subscriptions;

/// <summary>
/// Registering subscriptions (cloud/README.md "Subscriptions") and the events ingestion queues for them, on SQLite
/// and PostgreSQL. Delivery itself, through a real subscriber process, is <see cref="SubscriptionDeliveryTests"/>.
/// </summary>
public abstract class SubscriptionContractTests
{
    /// <summary>An endpoint nobody listens on: delivery fails there, which these tests do not look at.</summary>
    private const string Nowhere = "http://127.0.0.1:9/notify";

    private readonly CloudAppFixture _fixture;

    /// <summary>Creates the suite on <paramref name="fixture"/>'s store.</summary>
    protected SubscriptionContractTests(CloudAppFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Create_RestHookForAPatient_Returns201ActiveWithLocationAndReadsBackWithoutItsHeaders()
    {
        (CloudApp app, _, _, _, string nhs, _) = await _fixture.ArrangeAssignedUnitAsync();

        (int status, string body, HttpResponseMessage response) = await PostAsync(app.Fhir,
            SubscriptionBodies.RestHook(SubscriptionBodies.ObservationTopic, $"Observation?patient=Patient/{nhs}", Nowhere, "full-resource", "Authorization: Bearer subscriber-secret"));

        Assert.Equal(201, status);
        var created = FhirJson.Parse<Subscription>(body);
        Assert.Equal($"http://localhost/fhir/Subscription/{created.Id}", response.Headers.Location!.ToString());
        Assert.Equal(Subscription.SubscriptionStatus.Active, created.Status);
        Assert.Equal(SubscriptionBodies.ObservationTopic, created.Criteria);
        Assert.Equal($"Observation?patient={nhs}", ((FhirString)created.CriteriaElement.Extension.Single().Value).Value);
        Assert.Equal("full-resource", ((Code)created.Channel.PayloadElement.Extension.Single().Value).Value);
        string read = await app.Fhir.GetStringAsync($"/fhir/Subscription/{created.Id}");
        Assert.Empty(FhirJson.Parse<Subscription>(read).Channel.Header);
        Assert.DoesNotContain("subscriber-secret", read, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("endpoint ftp", "criteria-ok", "ftp://127.0.0.1/notify")]
    [InlineData("endpoint relative", "criteria-ok", "/notify")]
    [InlineData("endpoint with password", "criteria-ok", "https://user:pw@example.org/notify")]
    [InlineData("endpoint too long", "criteria-ok", "https://example.org/")]
    [InlineData("unknown topic", "topic", Nowhere)]
    [InlineData("no filter", "no-filter", Nowhere)]
    [InlineData("two filters", "Observation?patient={nhs}&hub=x", Nowhere)]
    [InlineData("filter of another resource", "DetectedIssue?patient={nhs}", Nowhere)]
    [InlineData("filter by code", "Observation?code=59408-5", Nowhere)]
    [InlineData("invalid NHS number", "Observation?patient=1234567890", Nowhere)]
    [InlineData("unregistered patient", "Observation?patient=9434765919", Nowhere)]
    [InlineData("websocket channel", "channel-type", Nowhere)]
    [InlineData("empty payload content", "content-empty", Nowhere)]
    [InlineData("heartbeat too short", "heartbeat", Nowhere)]
    [InlineData("six headers", "headers", Nowhere)]
    [InlineData("Host header", "host-header", Nowhere)]
    public async Task Create_WhatCannotBeHonoured_Returns400AndStoresNothing(string why, string variant, string endpoint)
    {
        (CloudApp app, _, _, _, string nhs, _) = await _fixture.ArrangeAssignedUnitAsync();
        string filter = variant.Contains('?', StringComparison.Ordinal) ? variant.Replace("{nhs}", nhs, StringComparison.Ordinal) : $"Observation?patient={nhs}";
        JsonObject body = SubscriptionBodies.RestHook(SubscriptionBodies.ObservationTopic, filter,
            why == "endpoint too long" ? endpoint + new string('a', 2048) : endpoint,
            variant == "content-empty" ? "empty" : "id-only",
            variant == "headers" ? Enumerable.Range(0, 6).Select(i => $"X-H{i}: v").ToArray() : variant == "host-header" ? new[] { "Host: evil.example" } : Array.Empty<string>());
        switch (variant)
        {
            case "topic": body["criteria"] = "https://example.org/SubscriptionTopic/everything"; break;
            case "no-filter": body.Remove("_criteria"); break;
            case "channel-type": body["channel"]!["type"] = "websocket"; break;
            case "heartbeat": SubscriptionBodies.WithHeartbeat(body, 5); break;
        }

        (int status, string text, _) = await PostAsync(app.Fhir, body);

        Assert.True(status == 400, $"{why}: {status} {text}");
        Assert.Single(FhirJson.Parse<OperationOutcome>(text).Issue);
        Assert.Equal(0L, Convert.ToInt64(await CloudDatabase.ScalarAsync(app.StoreOptions, "SELECT count(*) FROM subscriptions WHERE filter_value = @n", ("n", nhs)),
            System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Create_WithoutReaderSecretOrWithAGatewaySecret_IsRefused()
    {
        (CloudApp app, _, _, string gatewaySecret, string nhs, _) = await _fixture.ArrangeAssignedUnitAsync();
        JsonObject body = SubscriptionBodies.RestHook(SubscriptionBodies.ObservationTopic, $"Observation?patient={nhs}", Nowhere);

        (int anonymous, _, _) = await PostAsync(app.Client, body);
        using var asGateway = new HttpRequestMessage(HttpMethod.Post, "/fhir/Subscription") { Content = Json(body) };
        asGateway.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gatewaySecret);
        using HttpResponseMessage gateway = await app.Client.SendAsync(asGateway);

        Assert.Equal(401, anonymous);
        Assert.Equal(403, (int)gateway.StatusCode);
    }

    [Fact]
    public async Task Status_OfAnotherReadersSubscription_Is404LikeAnUnknownOne()
    {
        (CloudApp app, _, _, _, string nhs, _) = await _fixture.ArrangeAssignedUnitAsync();
        (_, string body, _) = await PostAsync(app.Fhir, SubscriptionBodies.RestHook(SubscriptionBodies.ObservationTopic, $"Observation?patient={nhs}", Nowhere));
        string id = FhirJson.Parse<Subscription>(body).Id;
        string otherSecret = BearerSecret.New(BearerSecret.ReaderPrefix);
        await app.Store.AddReaderAsync(CloudApp.Unique("reader"), "Another system", BearerSecret.Hash(otherSecret));
        using var other = new HttpRequestMessage(HttpMethod.Get, $"/fhir/Subscription/{id}/$status");
        other.Headers.Authorization = new AuthenticationHeaderValue("Bearer", otherSecret);

        using HttpResponseMessage theirs = await app.Client.SendAsync(other);
        using HttpResponseMessage own = await app.Fhir.GetAsync($"/fhir/Subscription/{id}/$status");

        Assert.Equal(404, (int)theirs.StatusCode);
        Assert.Equal(200, (int)own.StatusCode);
    }

    [Fact]
    public async Task Ingest_QueuesEventsNumberedPerSubscriptionForItsPatientOrHubOnly_AndStatusCountsThem()
    {
        (CloudApp app, string hub, string gatewayId, string secret, string nhs, string unit) = await _fixture.ArrangeAssignedUnitAsync();
        string other = await app.AddPatientAsync();
        string otherUnit = CloudApp.Unique("unit");
        await app.Store.AssignUnitAsync(otherUnit, other, DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), hub);
        string byPatient = await CreateAsync(app, SubscriptionBodies.ObservationTopic, $"Observation?patient={nhs}");
        string byHub = await CreateAsync(app, SubscriptionBodies.ObservationTopic, $"Observation?hub={hub}");
        string alerts = await CreateAsync(app, SubscriptionBodies.AlertTopic, $"DetectedIssue?patient={nhs}");

        await app.PostAsync(secret, gatewayId, Batches.Oximetry(unit, 1), Batches.Weight(otherUnit, 1), Batches.Weight(unit, 2));
        await app.PostAsync(secret, gatewayId, Batches.Weight(unit, 2), Batches.Glucose(unit, 3)); // the first again: a duplicate queues nothing
        await app.PostAlertsAsync(secret, gatewayId, Alerts.Spo2(unit, Alerts.NewId()));

        StoredSubscription patient = (await app.Store.GetSubscriptionAsync(byPatient))!;
        var events = await app.Store.EventsAfterAsync(byPatient, 0, 100);
        Bundle mine = FhirJson.Parse<Bundle>(await app.Fhir.GetStringAsync($"/fhir/Observation?patient={nhs}&_sort=date&_count=100"));
        Assert.Equal(3L, patient.EventsQueued);
        Assert.Equal(new long[] { 1, 2, 3 }, events.Select(e => e.Number));
        Assert.All(events, e => Assert.Equal("Observation", e.FocusType));
        Assert.Subset(mine.Entry.Select(e => e.Resource.Id).ToHashSet(), events.Select(e => e.FocusId).ToHashSet());
        Assert.Equal(events[0].FocusId + "-pulse", events[0].ContextId);
        Assert.Equal(4L, (await app.Store.GetSubscriptionAsync(byHub))!.EventsQueued);
        var alertEvents = await app.Store.EventsAfterAsync(alerts, 0, 100);
        Assert.Equal("DetectedIssue", Assert.Single(alertEvents).FocusType);

        Bundle status = FhirJson.Parse<Bundle>(await app.Fhir.GetStringAsync($"/fhir/Subscription/{byPatient}/$status"));
        var parameters = (Parameters)status.Entry.Single().Resource;
        Assert.Equal("3", ((FhirString)parameters.GetSingleValue<FhirString>("events-since-subscription-start")).Value);
        Assert.Equal("query-status", parameters.GetSingleValue<Code>("type").Value);
        Assert.Equal(SubscriptionBodies.ObservationTopic, parameters.GetSingleValue<Canonical>("topic").Value);
    }

    [Fact]
    public async Task Ingest_WhenItsNotificationCannotBeQueued_StoresNotTheReadingEither_AndTheRetryQueuesIt()
    {
        (CloudApp app, _, string gatewayId, string secret, string nhs, string unit) = await _fixture.ArrangeAssignedUnitAsync();
        string id = await CreateAsync(app, SubscriptionBodies.ObservationTopic, $"Observation?patient={nhs}");
        bool sqlite = app.StoreOptions.PostgresConnectionString == null;
        // A fault in the notification's insert only, for this subscription: the database refuses it.
        await CloudDatabase.ScalarAsync(app.StoreOptions, sqlite
            ? $"CREATE TRIGGER fail_{id} BEFORE INSERT ON subscription_events WHEN NEW.subscription_id = '{id}' BEGIN SELECT RAISE(ABORT, 'injected'); END"
            : $"CREATE FUNCTION fail_{id}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected'; END $$; " +
              $"CREATE TRIGGER fail_{id} BEFORE INSERT ON subscription_events FOR EACH ROW WHEN (NEW.subscription_id = '{id}') EXECUTE FUNCTION fail_{id}()");

        (int refused, _) = await app.PostAsync(secret, gatewayId, Batches.Weight(unit, 1));
        string afterRefusal = await app.Fhir.GetStringAsync($"/fhir/Observation?patient={nhs}");
        await CloudDatabase.ScalarAsync(app.StoreOptions, sqlite ? $"DROP TRIGGER fail_{id}" : $"DROP TRIGGER fail_{id} ON subscription_events; DROP FUNCTION fail_{id}()");
        (int retried, _) = await app.PostAsync(secret, gatewayId, Batches.Weight(unit, 1));

        // 503: the gateway keeps the reading and sends it again, so it is stored once, with its event.
        Assert.Equal(503, refused);
        Assert.Equal(0, FhirJson.Parse<Bundle>(afterRefusal).Total);
        Assert.Equal(200, retried);
        Assert.Equal(1L, (await app.Store.GetSubscriptionAsync(id))!.EventsQueued);
        Assert.Single(await app.Store.EventsAfterAsync(id, 0, 10));
    }

    [Fact]
    public async Task TryLease_AnotherOwnersUnexpiredLease_IsRefusedUntilItRunsOutOrIsReleased()
    {
        (CloudApp app, _, _, _, string nhs, _) = await _fixture.ArrangeAssignedUnitAsync();
        string id = await CreateAsync(app, SubscriptionBodies.ObservationTopic, $"Observation?patient={nhs}");
        var t0 = DateTimeOffset.Parse("2030-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        ISubscriptionStore store = app.Store;

        Assert.True(await store.TryLeaseAsync(id, "replica-a", t0, t0.AddSeconds(30)));
        Assert.False(await store.TryLeaseAsync(id, "replica-b", t0.AddSeconds(29), t0.AddSeconds(59)));
        Assert.True(await store.TryLeaseAsync(id, "replica-a", t0.AddSeconds(29), t0.AddSeconds(59)));
        Assert.True(await store.TryLeaseAsync(id, "replica-b", t0.AddSeconds(59), t0.AddSeconds(89)));
        Assert.True(await store.TryLeaseAsync(id, "replica-b", t0.AddSeconds(60), t0.AddSeconds(60)));
        Assert.True(await store.TryLeaseAsync(id, "replica-a", t0.AddSeconds(60), t0.AddSeconds(90)));
    }

    [Fact]
    public async Task End_StopsQueueing()
    {
        (CloudApp app, _, string gatewayId, string secret, string nhs, string unit) = await _fixture.ArrangeAssignedUnitAsync();
        string id = await CreateAsync(app, SubscriptionBodies.ObservationTopic, $"Observation?patient={nhs}");

        using HttpResponseMessage ended = await app.Fhir.DeleteAsync($"/fhir/Subscription/{id}");
        await app.PostAsync(secret, gatewayId, Batches.Weight(unit, 1));

        Assert.Equal(Subscription.SubscriptionStatus.Off, FhirJson.Parse<Subscription>(await ended.Content.ReadAsStringAsync()).Status);
        Assert.Equal(0L, (await app.Store.GetSubscriptionAsync(id))!.EventsQueued);
    }

    private static async Task<string> CreateAsync(CloudApp app, string topic, string filter)
    {
        (int status, string body, _) = await PostAsync(app.Fhir, SubscriptionBodies.RestHook(topic, filter, Nowhere));
        Assert.True(status == 201, body);
        return FhirJson.Parse<Subscription>(body).Id!;
    }

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/fhir+json");

    private static async Task<(int Status, string Body, HttpResponseMessage Response)> PostAsync(HttpClient client, JsonObject body)
    {
        HttpResponseMessage response = await client.PostAsync("/fhir/Subscription", Json(body));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }
}

/// <summary>On SQLite.</summary>
public sealed class SqliteSubscriptionContractTests : SubscriptionContractTests, IClassFixture<SqliteAppFixture>
{
    /// <summary>Creates the suite.</summary>
    public SqliteSubscriptionContractTests(SqliteAppFixture fixture)
        : base(fixture)
    {
    }
}

/// <summary>On PostgreSQL; skips when PostgreSQL 15 is not installed.</summary>
public sealed class PostgresSubscriptionContractTests : SubscriptionContractTests, IClassFixture<PostgresAppFixture>
{
    /// <summary>Creates the suite.</summary>
    public PostgresSubscriptionContractTests(PostgresAppFixture fixture)
        : base(fixture)
    {
    }
}
