using System;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Dorset.Telehealth.Cloud.Tests.Operations;

public sealed class OperationsTests : IClassFixture<SqliteAppFixture>
{
    private readonly SqliteAppFixture _fixture;

    public OperationsTests(SqliteAppFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Health_StoreReachable_Healthy()
    {
        CloudApp app = await _fixture.GetAsync();

        using HttpResponseMessage response = await app.Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonNode body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Healthy", body["status"]!.GetValue<string>());
        Assert.Equal("Healthy", body["checks"]!["store"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Metrics_AfterBatches_PrometheusCountersReflectOutcomes()
    {
        CloudApp app = await _fixture.GetAsync();
        string hub = CloudApp.Unique("hub");
        (string gw, string secret) = await app.AddGatewayAsync(hub);
        string unit = CloudApp.Unique("unit");
        string before = await app.Client.GetStringAsync("/metrics");
        await app.PostAsync(secret, gw, Batches.Glucose(unit, 1), Batches.Glucose(unit, 2));
        await app.PostAsync(secret, gw, Batches.Glucose(unit, 1));
        await app.PostAsync(secret + "x", gw, Batches.Glucose(unit, 3));

        string after = await app.Client.GetStringAsync("/metrics");

        Assert.Equal(Counter(before, "dorset_cloud_readings_total{outcome=\"accepted\"}") + 2, Counter(after, "dorset_cloud_readings_total{outcome=\"accepted\"}"));
        Assert.Equal(Counter(before, "dorset_cloud_readings_total{outcome=\"duplicate\"}") + 1, Counter(after, "dorset_cloud_readings_total{outcome=\"duplicate\"}"));
        Assert.Equal(Counter(before, "dorset_cloud_readings_unassigned_total") + 2, Counter(after, "dorset_cloud_readings_unassigned_total"));
        Assert.Contains("# TYPE dorset_cloud_batches_total counter", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_Document_DescribesBatchAlertsAndFhirEndpoints()
    {
        CloudApp app = await _fixture.GetAsync();

        JsonNode document = JsonNode.Parse(await app.Client.GetStringAsync("/openapi/v1.json"))!;

        foreach (string path in new[] { "/api/v1/readings/batch", "/api/v1/alerts/batch" })
        {
            JsonNode batch = document["paths"]![path]!["post"]!;
            Assert.NotNull(batch["requestBody"]!["content"]!["application/json"]);
            foreach (string status in new[] { "200", "400", "401", "403", "413", "415", "429", "503" })
            {
                Assert.NotNull(batch["responses"]![status]);
            }
        }

        Assert.NotNull(document["paths"]!["/fhir/Observation"]);
        Assert.NotNull(document["paths"]!["/fhir/DetectedIssue"]);
        Assert.NotNull(document["components"]!["schemas"]!["AlertDocument"]);
        Assert.NotNull(document["components"]!["schemas"]!["BatchItemDocument"]);
    }

    private static long Counter(string text, string name)
    {
        foreach (string line in text.Split('\n'))
        {
            if (line.StartsWith(name + " ", StringComparison.Ordinal))
            {
                return long.Parse(line[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"{name} not in /metrics");
    }
}

public sealed class RateLimitTests
{
    [Fact]
    public async Task PostBatch_GatewayOverItsLimit_429WithRetryAfterOtherGatewayUnaffected()
    {
        using var dir = new TempDirectory();
        await using var app = new CloudApp(o => o.DataDirectory = dir.Path, limits =>
        {
            limits.RateLimitPerMinute = 1;
            limits.RateLimitBurst = 2;
        });
        (string busy, string busySecret) = await app.AddGatewayAsync("hub-a");
        (string quiet, string quietSecret) = await app.AddGatewayAsync("hub-a");

        var first = await app.PostAsync(busySecret, busy, Batches.Glucose("u-rl", 1));
        var second = await app.PostAsync(busySecret, busy, Batches.Glucose("u-rl", 2));
        using HttpResponseMessage third = await app.PostBatchAsync(busySecret, Batches.Body(busy, Batches.Glucose("u-rl", 3)));
        var other = await app.PostAsync(quietSecret, quiet, Batches.Glucose("u-rl", 4));

        Assert.Equal(200, first.Status);
        Assert.Equal(200, second.Status);
        Assert.Equal((HttpStatusCode)429, third.StatusCode);
        int retryAfter = int.Parse(third.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(retryAfter >= 1);
        // The reason, which the gateway logs: an empty 429 left the demo's log saying nothing about why.
        Assert.Equal($"rate limited: this gateway is over its 1 posts a minute (burst 2); retry after {retryAfter} s", await third.Content.ReadAsStringAsync());
        Assert.Equal(200, other.Status);
    }
}

public sealed class StoreOutageTests
{
    [Fact]
    public async Task PostBatchAndHealth_StoreDown_503SoGatewaysRetry()
    {
        using var dir = new TempDirectory();
        await using var app = new CloudApp(o => o.DataDirectory = dir.Path, services: s =>
        {
            s.AddSingleton<Dorset.Telehealth.Cloud.Storage.ICloudStore, Dorset.Telehealth.Cloud.Tests.Fakes.UnavailableStore>();
        });

        using HttpResponseMessage batch = await app.PostBatchAsync("dgw_any", Batches.Body(null, Batches.Glucose("u-down", 1)));
        using HttpResponseMessage health = await app.Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, batch.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
    }
}
