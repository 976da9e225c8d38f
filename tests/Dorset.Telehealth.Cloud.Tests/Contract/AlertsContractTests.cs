using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Registry;
using Dorset.Telehealth.Cloud.Storage;
using Dorset.Telehealth.Cloud.Tests.Fixtures;

namespace Dorset.Telehealth.Cloud.Tests.Contract;

/// <summary>
/// The alerts contract (cloud/README.md "Alerts contract (v1)") against a store: the same suite runs on SQLite and
/// on PostgreSQL through the two concrete subclasses below.
/// </summary>
public abstract partial class AlertsContractTests
{
    private readonly CloudAppFixture _fixture;

    /// <summary>Creates the suite on <paramref name="fixture"/>'s store.</summary>
    protected AlertsContractTests(CloudAppFixture fixture)
    {
        _fixture = fixture;
    }

    /// <summary>A hub with its gateway, a patient and a unit assigned to them since 2026-01-01.</summary>
    private Task<(CloudApp App, string Hub, string GatewayId, string Secret, string Nhs, string Unit)> ArrangeAsync() => _fixture.ArrangeAssignedUnitAsync();

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    [Fact]
    public async Task PostAlerts_NewRevisions_AcceptedAsAlertIdAtRevisionInRequestOrder()
    {
        var (app, _, gw, secret, _, unit) = await ArrangeAsync();
        JsonObject first = Alerts.Spo2(unit, Alerts.NewId());
        JsonObject second = Alerts.Acknowledged(first, revision: 2);

        var (status, body) = await app.PostAlertsAsync(secret, gw, first, second);

        Assert.Equal(200, status);
        Assert.Equal(new[] { Alerts.Identity(first), Alerts.Identity(second) }, Alerts.Identities(body!, "accepted"));
        Assert.Empty(Alerts.Identities(body!, "duplicate"));
        Assert.Empty(Alerts.Identities(body!, "rejected"));
        Assert.EndsWith("@2", Alerts.Identity(second), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAlerts_SameRevisionAgain_DuplicateAndCurrentUnchanged()
    {
        var (app, _, gw, secret, _, unit) = await ArrangeAsync();
        JsonObject alert = Alerts.Spo2(unit, Alerts.NewId());
        await app.PostAlertsAsync(secret, gw, alert);
        StoredAlert before = (await app.Store.GetCurrentAlertAsync(alert["alertId"]!.GetValue<string>()))!;

        var (status, body) = await app.PostAlertsAsync(secret, gw, alert);

        Assert.Equal(200, status);
        Assert.Equal(new[] { Alerts.Identity(alert) }, Alerts.Identities(body!, "duplicate"));
        Assert.Empty(Alerts.Identities(body!, "accepted"));
        StoredAlert after = (await app.Store.GetCurrentAlertAsync(alert["alertId"]!.GetValue<string>()))!;
        Assert.Equal(before.Id, after.Id);
    }

    [Fact]
    public async Task PostAlerts_SameRevisionDifferentContent_RejectedAsConflictAndStoredOneKept()
    {
        var (app, _, gw, secret, _, unit) = await ArrangeAsync();
        JsonObject alert = Alerts.Spo2(unit, Alerts.NewId());
        await app.PostAlertsAsync(secret, gw, alert);
        JsonObject changed = (JsonObject)alert.DeepClone();
        changed["summary"] = "SpO2 89 %";

        var (status, body) = await app.PostAlertsAsync(secret, gw, changed);

        Assert.Equal(200, status);
        JsonObject rejection = (JsonObject)body!["rejected"]![0]!;
        Assert.Equal(alert["alertId"]!.GetValue<string>(), rejection["alertId"]!.GetValue<string>());
        Assert.Equal(1, rejection["revision"]!.GetValue<int>());
        Assert.StartsWith("conflict: ", rejection["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        StoredAlert stored = (await app.Store.GetCurrentAlertAsync(alert["alertId"]!.GetValue<string>()))!;
        Assert.Equal(alert["summary"]!.GetValue<string>(), stored.Alert.Summary);
    }

    [Fact]
    public async Task PostAlerts_OlderRevisionAfterNewer_AcceptedIntoHistoryButCurrentStaysNewest()
    {
        var (app, _, gw, secret, _, unit) = await ArrangeAsync();
        JsonObject open = Alerts.Spo2(unit, Alerts.NewId());
        JsonObject acknowledged = Alerts.Acknowledged(open, revision: 3);
        await app.PostAlertsAsync(secret, gw, acknowledged);

        // Revision 1 arrives late (a gateway retry after a restore): stored, but never replaces revision 3.
        var (status, body) = await app.PostAlertsAsync(secret, gw, open);

        Assert.Equal(200, status);
        Assert.Equal(new[] { Alerts.Identity(open) }, Alerts.Identities(body!, "accepted"));
        StoredAlert current = (await app.Store.GetCurrentAlertAsync(open["alertId"]!.GetValue<string>()))!;
        Assert.Equal(3, current.Alert.Revision);
        Assert.Equal("acknowledged", current.Alert.State);
        Assert.Equal("nurse.jones", current.Alert.Acknowledged!.By);
        var (_, again) = await app.PostAlertsAsync(secret, gw, open);
        Assert.Equal(new[] { Alerts.Identity(open) }, Alerts.Identities(again!, "duplicate"));
    }

    [Fact]
    public async Task PostAlerts_AlertIdFirstSeenFromAnotherGateway_Rejected()
    {
        var (app, hub, gw, secret, _, unit) = await ArrangeAsync();
        (string otherGw, string otherSecret) = await app.AddGatewayAsync(hub);
        JsonObject alert = Alerts.Spo2(unit, Alerts.NewId());
        await app.PostAlertsAsync(secret, gw, alert);

        var (status, body) = await app.PostAlertsAsync(otherSecret, otherGw, Alerts.Acknowledged(alert, revision: 2));

        Assert.Equal(200, status);
        string reason = body!["rejected"]![0]!["reason"]!.GetValue<string>();
        Assert.StartsWith("alert-of-another-gateway: ", reason, StringComparison.Ordinal);
        Assert.Contains(gw, reason, StringComparison.Ordinal);
        Assert.Equal(1, (await app.Store.GetCurrentAlertAsync(alert["alertId"]!.GetValue<string>()))!.Alert.Revision);
    }

    [Fact]
    public async Task PostAlerts_UnitOfAnotherHub_RejectedWithTheReadingsReason()
    {
        var (app, hub, gw, secret, _, _) = await ArrangeAsync();
        string foreignUnit = CloudApp.Unique("unit");
        await app.Store.AssignUnitAsync(foreignUnit, await app.AddPatientAsync(), DateTimeOffset.UnixEpoch, CloudApp.Unique("otherhub"));
        JsonObject alert = Alerts.Spo2(foreignUnit, Alerts.NewId());

        var (status, body) = await app.PostAlertsAsync(secret, gw, alert);

        Assert.Equal(200, status);
        string reason = body!["rejected"]![0]!["reason"]!.GetValue<string>();
        Assert.StartsWith("unit-of-another-hub: ", reason, StringComparison.Ordinal);
        Assert.Contains(hub, reason, StringComparison.Ordinal);
        Assert.Null(await app.Store.GetCurrentAlertAsync(alert["alertId"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("upper-case-id", "alerts[1].alertId")]
    [InlineData("revision-zero", "alerts[1].revision")]
    [InlineData("rule-id-capitals", "alerts[1].ruleId")]
    [InlineData("rule-version-1001", "alerts[1].ruleVersion")]
    [InlineData("level-purple", "alerts[1].level")]
    [InlineData("summary-301", "alerts[1].summary")]
    [InlineData("last-before-first", "alerts[1].lastBreachAt")]
    [InlineData("breach-time-without-zone", "alerts[1].firstBreachAt")]
    [InlineData("late-negative", "alerts[1].lateMinutes")]
    [InlineData("worst-exponent", "alerts[1].worst.value")]
    [InlineData("reading-key-lower-case-address", "alerts[1].readings[0].key")]
    [InlineData("acknowledged-state-without-acknowledgement", "alerts[1].acknowledged")]
    [InlineData("resolved-state-without-resolution", "alerts[1].resolved")]
    [InlineData("score-on-another-rule", "alerts[1].score")]
    [InlineData("score-not-partial", "alerts[1].score.partial")]
    [InlineData("score-parameter-temperature", "alerts[1].score.parameters[1].name")]
    [InlineData("score-total-not-the-sum", "alerts[1].score.total")]
    public async Task PostAlerts_InvalidSecondItem_Returns400NamingItAndStoresNothing(string defect, string field)
    {
        var (app, _, gw, secret, _, unit) = await ArrangeAsync();
        string key = Batches.Key(unit, 1, "00:1B:DC:44:55:66", null, "2026-11-24T08:15:00");
        JsonObject bad = defect.StartsWith("score-", StringComparison.Ordinal) && defect != "score-on-another-rule"
            ? Alerts.News2(unit, Alerts.NewId(), key, key.Replace("/1/", "/2/", StringComparison.Ordinal))
            : Alerts.Spo2(unit, Alerts.NewId(), readingKeys: key);
        switch (defect)
        {
            case "upper-case-id": bad["alertId"] = bad["alertId"]!.GetValue<string>().ToUpperInvariant(); break;
            case "revision-zero": bad["revision"] = 0; break;
            case "rule-id-capitals": bad["ruleId"] = "Home-Oximetry"; break;
            case "rule-version-1001": bad["ruleVersion"] = 1001; break;
            case "level-purple": bad["level"] = "purple"; break;
            case "summary-301": bad["summary"] = new string('s', 301); break;
            case "last-before-first": bad["lastBreachAt"] = "2026-11-24T08:00:00Z"; break;
            case "breach-time-without-zone": bad["firstBreachAt"] = "2026-11-24T08:17:03"; break;
            case "late-negative": bad["lateMinutes"] = -1; break;
            case "worst-exponent": bad["worst"]!["value"] = JsonNode.Parse("9.1e1"); break;
            case "reading-key-lower-case-address": bad["readings"]![0]!["key"] = key.Replace("1B:DC", "1b:dc", StringComparison.Ordinal); break;
            case "acknowledged-state-without-acknowledgement": bad["state"] = "acknowledged"; break;
            case "resolved-state-without-resolution": bad["state"] = "resolved"; break;
            case "score-on-another-rule": bad["score"] = Alerts.News2(unit, Alerts.NewId(), key, key)["score"]!.DeepClone(); break;
            case "score-not-partial": bad["score"]!["partial"] = false; break;
            case "score-parameter-temperature": bad["score"]!["parameters"]![1]!["name"] = "temperature"; break;
            case "score-total-not-the-sum": bad["score"]!["total"] = 5; break;
        }

        JsonObject good = Alerts.Spo2(unit, Alerts.NewId());
        var (status, body) = await app.PostAlertsAsync(secret, gw, good, bad);

        Assert.Equal(400, status);
        Assert.Equal(1, body!["index"]!.GetValue<int>());
        Assert.Equal(field, body["field"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(body["detail"]!.GetValue<string>()));
        Assert.Null(await app.Store.GetCurrentAlertAsync(good["alertId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task PostAlerts_SameRevisionTwiceInOneBatch_Returns400NamingTheSecond()
    {
        var (app, _, gw, secret, _, unit) = await ArrangeAsync();
        JsonObject alert = Alerts.Spo2(unit, Alerts.NewId());

        var (status, body) = await app.PostAlertsAsync(secret, gw, alert, Alerts.Spo2(unit, Alerts.NewId()), alert);

        Assert.Equal(400, status);
        Assert.Equal(2, body!["index"]!.GetValue<int>());
        Assert.Equal("alerts[2].revision", body["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostAlerts_MoreThanTheLimit_Returns413()
    {
        var (app, _, gw, secret, _, unit) = await ArrangeAsync();
        int limit = new IngestionOptions().MaxBatchAlerts;

        var (status, body) = await app.PostAlertsAsync(secret, gw, Enumerable.Range(0, limit + 1).Select(_ => Alerts.Spo2(unit, Alerts.NewId())).ToArray());

        Assert.Equal(413, status);
        Assert.Contains($"alerts must hold 1..{limit} items, got {limit + 1}", body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAlerts_WrongCredentialOrGatewayId_RefusedLikeReadings()
    {
        var (app, hub, gw, secret, _, unit) = await ArrangeAsync();
        (string otherGw, _) = await app.AddGatewayAsync(hub);
        string reader = BearerSecret.New(BearerSecret.ReaderPrefix);
        await app.Store.AddReaderAsync(CloudApp.Unique("reader"), "Ward EHR", BearerSecret.Hash(reader));
        JsonObject alert = Alerts.Spo2(unit, Alerts.NewId());

        var (none, _) = await app.PostAlertsAsync(null, gw, alert);
        var (asReader, _) = await app.PostAlertsAsync(reader, gw, alert);
        var (mismatch, _) = await app.PostAlertsAsync(secret, otherGw, alert);
        using HttpResponseMessage text = await app.PostBatchAsync(secret, Alerts.Body(gw, alert), "text/plain", path: Alerts.Path);

        Assert.Equal(401, none);
        Assert.Equal(403, asReader);
        Assert.Equal(403, mismatch);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Null(await app.Store.GetCurrentAlertAsync(alert["alertId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task PostAlerts_UnitReassignedDuringTheEpisode_AttributedToThePatientAtFirstBreach()
    {
        var (app, _, gw, secret, first, unit) = await ArrangeAsync();
        string second = await app.AddPatientAsync();
        await app.Store.AssignUnitAsync(unit, second, At("2026-11-24T08:18:00Z"), null);
        // First breach before the reassignment, last breach after: the first patient's episode. patientRef is ignored.
        JsonObject alert = Alerts.Spo2(unit, Alerts.NewId(), firstBreachAt: "2026-11-24T08:17:03Z", lastBreachAt: "2026-11-24T08:20:00Z");
        alert["patientRef"] = second;
        JsonObject later = Alerts.Spo2(unit, Alerts.NewId(), firstBreachAt: "2026-11-24T08:19:00Z", lastBreachAt: "2026-11-24T08:19:00Z");

        var (status, _) = await app.PostAlertsAsync(secret, gw, alert, later);

        Assert.Equal(200, status);
        Assert.Equal(first, (await app.Store.GetCurrentAlertAsync(alert["alertId"]!.GetValue<string>()))!.PatientNhs);
        Assert.Equal(second, (await app.Store.GetCurrentAlertAsync(later["alertId"]!.GetValue<string>()))!.PatientNhs);
    }

    [Fact]
    public async Task PostAlerts_UnitWithoutPatient_StoredUnattributedUntilAnAssignmentCoversItsFirstBreach()
    {
        var (app, hub, gw, secret, _, _) = await ArrangeAsync();
        string newUnit = CloudApp.Unique("unit");
        JsonObject alert = Alerts.Spo2(newUnit, Alerts.NewId());

        var (status, body) = await app.PostAlertsAsync(secret, gw, alert);

        Assert.Equal(200, status);
        Assert.Single(Alerts.Identities(body!, "accepted"));
        Assert.Null((await app.Store.GetCurrentAlertAsync(alert["alertId"]!.GetValue<string>()))!.PatientNhs);
        string nhs = await app.AddPatientAsync();
        AssignResult assigned = await app.Store.AssignUnitAsync(newUnit, nhs, At("2026-11-24T00:00:00Z"), hub);
        Assert.Equal(1, assigned.ReattributedAlerts);
        Assert.Equal(nhs, (await app.Store.GetCurrentAlertAsync(alert["alertId"]!.GetValue<string>()))!.PatientNhs);
    }

    [Fact]
    public async Task AssignUnit_BackdatedOverAnAttributedAlert_RefusedAndTheAlertKeepsItsPatient()
    {
        var (app, _, gw, secret, first, unit) = await ArrangeAsync();
        JsonObject alert = Alerts.Spo2(unit, Alerts.NewId(), firstBreachAt: "2026-11-24T08:17:03Z");
        await app.PostAlertsAsync(secret, gw, alert);
        string second = await app.AddPatientAsync();

        var refused = await Assert.ThrowsAsync<RegistryException>(
            () => app.Store.AssignUnitAsync(unit, second, At("2026-11-24T08:00:00Z"), null));

        Assert.Contains("alert", refused.Message, StringComparison.Ordinal);
        Assert.Equal(first, (await app.Store.GetCurrentAlertAsync(alert["alertId"]!.GetValue<string>()))!.PatientNhs);
    }

    [Fact]
    public async Task PostAlerts_SameRevisionFromConcurrentRequests_StoredOnceByTheUniqueConstraint()
    {
        var (app, _, gw, secret, _, unit) = await ArrangeAsync();
        JsonObject alert = Alerts.Spo2(unit, Alerts.NewId());

        // Concurrent requests each find no stored revision first; only the unique (alert_id, revision) lets one insert win.
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.PostAlertsAsync(secret, gw, alert)));

        Assert.All(results, r => Assert.Equal(200, r.Status));
        Assert.Single(results, r => Alerts.Identities(r.Body!, "accepted").Length == 1);
        Assert.Equal(7, results.Count(r => Alerts.Identities(r.Body!, "duplicate").Length == 1));
    }
}

/// <summary>The alerts contract on SQLite (the default store).</summary>
public sealed class SqliteAlertsContractTests : AlertsContractTests, IClassFixture<SqliteAppFixture>
{
    /// <summary>Creates the suite.</summary>
    public SqliteAlertsContractTests(SqliteAppFixture fixture)
        : base(fixture)
    {
    }
}

/// <summary>The alerts contract on PostgreSQL (production); skips when PostgreSQL 15 is not installed.</summary>
public sealed class PostgresAlertsContractTests : AlertsContractTests, IClassFixture<PostgresAppFixture>
{
    /// <summary>Creates the suite.</summary>
    public PostgresAlertsContractTests(PostgresAppFixture fixture)
        : base(fixture)
    {
    }
}
