using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Storage;
using Dorset.Telehealth.Cloud.Subscriptions;
using Dorset.Telehealth.Cloud.Tests.Fixtures;
using Dorset.Telehealth.UkCoreValidation;
using Dorset.Telehealth.TestSupport;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Task = System.Threading.Tasks.Task;

namespace Dorset.Telehealth.Cloud.Tests.Subscriptions;

/// <summary>
/// Durable delivery (issue 16 §2) through a real subscriber process on a real port: it goes down, readings and an
/// alert arrive, the deliveries fail and are retried on a <see cref="FakeTimeProvider"/> (so the back-off, not the
/// test's pace, decides when), the cloud restarts, the subscriber comes back, and every event number 1..N of each
/// subscription arrives, in order, with no gap. On SQLite and PostgreSQL.
/// </summary>
public abstract class SubscriptionDeliveryTests
{
    private static readonly TimeSpan s_retryInitial = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_retryMax = TimeSpan.FromSeconds(8);
    // Real time for a real subscriber process and a real database, under a loaded CI machine.
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(60);
    private const string SubscriberKey = "X-Subscriber-Key: 7d1f0c";

    /// <summary>The store both cloud incarnations use.</summary>
    protected abstract Task<Action<CloudStoreOptions>> StoreAsync();

    [Fact]
    public async Task SubscriberDownThenCloudRestarted_EveryEventArrivesOnceInOrderWithNoGap()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Action<CloudStoreOptions> store = await StoreAsync();
        using var saved = new TempDirectory();
        using var subscriber = new SubscriberProcess(SubscriberKey, saved.Path);
        await subscriber.StartAsync();
        CloudApp cloud = Start(store, time);
        try
        {
            string readerSecret = await cloud.AuthoriseFhirAsync();
            string hub = CloudApp.Unique("hub");
            (string gatewayId, string secret) = await cloud.AddGatewayAsync(hub);
            string nhs = await cloud.AddPatientAsync();
            string unit = CloudApp.Unique("unit");
            await cloud.Store.AssignUnitAsync(unit, nhs, DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), hub);
            string readings = await SubscribeAsync(cloud, SubscriptionBodies.ObservationTopic, $"Observation?patient={nhs}", subscriber.Endpoint);
            string alerts = await SubscribeAsync(cloud, SubscriptionBodies.AlertTopic, $"DetectedIssue?hub={hub}", subscriber.Endpoint);

            // Up: the ingesting commit wakes the worker; no clock needs to move.
            await cloud.PostAsync(secret, gatewayId, Batches.Weight(unit, 1), Batches.Oximetry(unit, 2));
            await Eventually.TrueAsync(() => subscriber.Events.Count(e => e.Subscription.EndsWith(readings, StringComparison.Ordinal)) == 2, s_patience, "events 1-2 while up");
            // The subscriber prints before it answers: kill it only once the cloud has had its 2xx, or 1-2 are due again.
            await UntilAsync(cloud, readings, s => s.DeliveredUpTo == 2, "events 1-2 acknowledged while up");

            // Down: deliveries fail and are retried after the back-off on the clock, doubling to its cap, never given up.
            subscriber.Kill();
            await cloud.PostAsync(secret, gatewayId, Batches.Glucose(unit, 3), Batches.BloodPressure(unit, 4), Batches.Weight(unit, 5, "82.9"));
            await cloud.PostAlertsAsync(secret, gatewayId, Alerts.Spo2(unit, Alerts.NewId()));
            StoredSubscription failing = await UntilAsync(cloud, readings, s => s.FailedAttempts == 1, "a first failed delivery");
            // PostgreSQL keeps microseconds.
            Assert.Equal(time.GetUtcNow() + s_retryInitial, failing.NextAttemptAt!.Value, TimeSpan.FromMilliseconds(1));
            Assert.Equal(2L, failing.DeliveredUpTo);
            failing = await UntilAsync(cloud, readings, s => s.FailedAttempts >= 6, "six failed deliveries", advance: time, by: s_retryMax);
            Assert.True(failing.Active);
            Assert.Equal(2L, failing.DeliveredUpTo);
            Assert.Equal("error", await StatusCodeAsync(cloud, readings));

            // The cloud restarts while the subscriber is still down, and more readings arrive.
            await cloud.DisposeAsync();
            cloud = Start(store, time);
            cloud.Fhir.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", readerSecret);
            await cloud.PostAsync(secret, gatewayId, Batches.Weight(unit, 6, "83.0"), Batches.Oximetry(unit, 7, "95", "70", "2026-07-01T07:12:11"));

            // Back: the next retry resumes from the acknowledged mark.
            await subscriber.StartAsync();
            await UntilAsync(cloud, readings, s => s.DeliveredUpTo == 7 && s.FailedAttempts == 0, "events 3-7 after the outage", advance: time, by: s_retryMax);
            await UntilAsync(cloud, alerts, s => s.DeliveredUpTo == 1, "the alert after the outage", advance: time, by: s_retryMax);
            await subscriber.WaitForOutputAsync($"event {Reference(readings)} 7 ");
            await subscriber.WaitForOutputAsync($"event {Reference(alerts)} 1 ");

            var numbers = subscriber.Events.Where(e => e.Subscription == Reference(readings)).Select(e => e.Number).ToList();
            // Each event at least once (a retry may repeat one the subscriber took just as the cloud stopped), first arrivals in order.
            Assert.Equal(Enumerable.Range(1, 7).Select(n => (long)n), numbers.Distinct());
            Bundle served = FhirJson.Parse<Bundle>(await cloud.Fhir.GetStringAsync($"/fhir/Observation?patient={nhs}&_count=100"));
            Assert.Equal(
                served.Entry.Select(e => e.Resource.Id).Where(id => !id.EndsWith("-pulse", StringComparison.Ordinal)).Select(id => $"http://localhost/fhir/Observation/{id}").Order(),
                subscriber.Events.Where(e => e.Subscription.EndsWith(readings, StringComparison.Ordinal)).Select(e => e.Focus).Distinct().Order());
            Assert.Equal("DetectedIssue", subscriber.Events.Single(e => e.Subscription.EndsWith(alerts, StringComparison.Ordinal)).Focus.Split('/')[^2]);
            Assert.Equal(0, subscriber.Refused);
            Assert.Equal("active", await StatusCodeAsync(cloud, readings));

            // Each notification Bundle, full resources included, is valid FHIR R4 (the backport IG's profiles are not in
            // ../shared/reference, so the base specification and the UK Core profiles the Observations claim). Firely adds
            // R5's bdl-3b, which is not an R4 invariant and which the backport's own R4 notification Bundle breaks: its
            // SubscriptionStatus entry is a GET with a resource. Every other error counts.
            foreach (string file in Directory.GetFiles(saved.Path))
            {
                OperationOutcome outcome = UkCoreValidator.Shared.Validate(await File.ReadAllTextAsync(file));
                var errors = outcome.Issue.Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
                    .Where(i => i.Details?.Text?.Contains("bdl-3b", StringComparison.Ordinal) != true).ToList();
                Assert.True(errors.Count == 0, Path.GetFileName(file) + Environment.NewLine + UkCoreValidator.Describe(outcome));
            }

            Assert.True(Directory.GetFiles(saved.Path).Length >= 4, "one notification while up, two for the backlog of five, one for the alert");
        }
        finally
        {
            await cloud.DisposeAsync();
        }
    }

    [Fact]
    public async Task TwoReplicas_BothDelivering_SendEachEventOnce()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Action<CloudStoreOptions> store = await StoreAsync();
        using var subscriber = new SubscriberProcess(SubscriberKey);
        await subscriber.StartAsync();
        await using CloudApp a = Start(store, time);
        await using CloudApp b = Start(store, time);
        await a.AuthoriseFhirAsync();
        string hub = CloudApp.Unique("hub");
        (string gatewayId, string secret) = await a.AddGatewayAsync(hub);
        string nhs = await a.AddPatientAsync();
        string unit = CloudApp.Unique("unit");
        await a.Store.AssignUnitAsync(unit, nhs, DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), hub);
        string id = await SubscribeAsync(a, SubscriptionBodies.ObservationTopic, $"Observation?patient={nhs}", subscriber.Endpoint);

        // Batches to both at once: each replica's worker wakes on its own commit and delivers the subscription's whole backlog.
        var posts = new List<Task>();
        for (int i = 1; i <= 12; i++)
        {
            posts.Add((i % 2 == 0 ? a : b).PostAsync(secret, gatewayId, Batches.Weight(unit, i, $"80.{i}")));
        }

        await Task.WhenAll(posts);
        // The clock stands still, so no lease can run out: a second sending of an event could only be the two replicas
        // both holding the right to deliver. And no poll can fire: a replica refused the lease relies on its holder
        // looking again after releasing it.
        await UntilAsync(a, id, s => s.DeliveredUpTo == 12, "all twelve events without a poll");
        await subscriber.WaitForOutputAsync($"event {Reference(id)} 12 ");

        var numbers = subscriber.Events.Select(e => e.Number).ToList();
        Assert.Equal(Enumerable.Range(1, 12).Select(n => (long)n), numbers);
    }

    [Fact]
    public async Task AReplicaThatDiedHoldingTheLease_StrandsNothing_TheEventIsSentOnceWhenTheLeaseRunsOut()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var subscriber = new SubscriberProcess(SubscriberKey);
        await subscriber.StartAsync();
        await using CloudApp cloud = Start(await StoreAsync(), time);
        await cloud.AuthoriseFhirAsync();
        string hub = CloudApp.Unique("hub");
        (string gatewayId, string secret) = await cloud.AddGatewayAsync(hub);
        string nhs = await cloud.AddPatientAsync();
        string unit = CloudApp.Unique("unit");
        await cloud.Store.AssignUnitAsync(unit, nhs, DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), hub);
        string id = await SubscribeAsync(cloud, SubscriptionBodies.ObservationTopic, $"Observation?patient={nhs}", subscriber.Endpoint);
        // A replica takes the lease as the default worker would (three 10 s delivery timeouts) and is killed before it sends.
        DateTimeOffset leaseEnds = time.GetUtcNow().AddSeconds(30);
        Assert.True(await cloud.Store.TryLeaseAsync(id, "killed-replica", time.GetUtcNow(), leaseEnds));

        await cloud.PostAsync(secret, gatewayId, Batches.Weight(unit, 1));
        StoredSubscription sent = await UntilAsync(cloud, id, s => s.DeliveredUpTo == 1, "the event once the lease ran out", advance: time, by: TimeSpan.FromSeconds(5));
        await subscriber.WaitForOutputAsync($"event {Reference(id)} 1 ");

        Assert.True(sent.LastSentAt >= leaseEnds, $"sent at {sent.LastSentAt:O}, before the lease ran out at {leaseEnds:O}");
        Assert.Equal(new[] { 1L }, subscriber.Events.Select(e => e.Number));
    }

    [Fact]
    public async Task Heartbeat_AfterItsPeriodWithoutANotification_IsSentOnTheClockAndQueuesNoEvent()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var subscriber = new SubscriberProcess(SubscriberKey);
        await subscriber.StartAsync();
        await using CloudApp cloud = Start(await StoreAsync(), time);
        await cloud.AuthoriseFhirAsync();
        string nhs = await cloud.AddPatientAsync();
        using var content = new StringContent(SubscriptionBodies.WithHeartbeat(
            SubscriptionBodies.RestHook(SubscriptionBodies.ObservationTopic, $"Observation?patient={nhs}", subscriber.Endpoint, "id-only", SubscriberKey), 60).ToJsonString(),
            Encoding.UTF8, "application/fhir+json");
        using HttpResponseMessage created = await cloud.Fhir.PostAsync("/fhir/Subscription", content);
        string id = FhirJson.Parse<Subscription>(await created.Content.ReadAsStringAsync()).Id!;

        time.Advance(TimeSpan.FromSeconds(59));
        StoredSubscription early = (await cloud.Store.GetSubscriptionAsync(id))!;
        StoredSubscription beat = await UntilAsync(cloud, id, s => s.LastSentAt != null, "a heartbeat", advance: time, by: TimeSpan.FromSeconds(5));

        Assert.Null(early.LastSentAt);
        // The 2xx is recorded; its line may still be in the pipe.
        await subscriber.WaitForOutputAsync($"heartbeat {Reference(id)}");
        Assert.Equal(0L, beat.EventsQueued);
        Assert.Empty(subscriber.Events);
    }

    private static CloudApp Start(Action<CloudStoreOptions> store, FakeTimeProvider time) => new(store, services: s =>
    {
        s.AddSingleton<TimeProvider>(time);
        s.PostConfigure<SubscriptionOptions>(o =>
        {
            o.RetryInitial = s_retryInitial;
            o.RetryMax = s_retryMax;
            // Bundles of three: the backlog of five goes in two, in order.
            o.MaxEventsPerNotification = 3;
        });
    });

    private static async Task<string> SubscribeAsync(CloudApp cloud, string topic, string filter, string endpoint)
    {
        using var content = new StringContent(SubscriptionBodies.RestHook(topic, filter, endpoint, "full-resource", SubscriberKey).ToJsonString(), Encoding.UTF8, "application/fhir+json");
        using HttpResponseMessage response = await cloud.Fhir.PostAsync("/fhir/Subscription", content);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 201, body);
        return FhirJson.Parse<Subscription>(body).Id!;
    }

    /// <summary>How the subscriber sees the subscription in a notification.</summary>
    private static string Reference(string id) => $"http://localhost/fhir/Subscription/{id}";

    private static async Task<string> StatusCodeAsync(CloudApp cloud, string id)
    {
        Bundle status = FhirJson.Parse<Bundle>(await cloud.Fhir.GetStringAsync($"/fhir/Subscription/{id}/$status"));
        return ((Parameters)status.Entry.Single().Resource).GetSingleValue<Code>("status").Value!;
    }

    /// <summary>Waits (real time, bounded) for the subscription to reach a state, moving the fake clock on by <paramref name="by"/> each round when given.</summary>
    private static async Task<StoredSubscription> UntilAsync(CloudApp cloud, string id, Func<StoredSubscription, bool> reached, string what,
        FakeTimeProvider? advance = null, TimeSpan by = default)
    {
        StoredSubscription? last = null;
        await Eventually.TrueAsync(async () =>
        {
            last = (await cloud.Store.GetSubscriptionAsync(id))!;
            if (!reached(last))
            {
                advance?.Advance(by);
                return false;
            }

            return true;
        }, s_patience, what);
        return last!;
    }
}

/// <summary>On SQLite.</summary>
public sealed class SqliteSubscriptionDeliveryTests : SubscriptionDeliveryTests, IDisposable
{
    private readonly TempDirectory _dir = new();

    /// <inheritdoc/>
    protected override Task<Action<CloudStoreOptions>> StoreAsync() => Task.FromResult<Action<CloudStoreOptions>>(o =>
    {
        o.DataDirectory = _dir.Path;
        o.PostgresConnectionString = null;
    });

    /// <inheritdoc/>
    public void Dispose() => _dir.Dispose();
}

/// <summary>On PostgreSQL; skips when PostgreSQL 15 is not installed.</summary>
public sealed class PostgresSubscriptionDeliveryTests : SubscriptionDeliveryTests
{
    /// <inheritdoc/>
    protected override async Task<Action<CloudStoreOptions>> StoreAsync()
    {
        string connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        return o => o.PostgresConnectionString = connectionString;
    }
}
