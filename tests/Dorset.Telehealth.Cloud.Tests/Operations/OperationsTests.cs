using System;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Linq;
using System.Threading.Tasks;
using Dorset.Telehealth.Cloud.Tests.Fixtures;
using Dorset.Telehealth.TestSupport;
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

        Assert.Equal(PrometheusText.Value(before, "dorset_cloud_readings_total{outcome=\"accepted\"}") + 2, PrometheusText.Value(after, "dorset_cloud_readings_total{outcome=\"accepted\"}"));
        Assert.Equal(PrometheusText.Value(before, "dorset_cloud_readings_total{outcome=\"duplicate\"}") + 1, PrometheusText.Value(after, "dorset_cloud_readings_total{outcome=\"duplicate\"}"));
        Assert.Equal(PrometheusText.Value(before, "dorset_cloud_readings_unassigned_total") + 2, PrometheusText.Value(after, "dorset_cloud_readings_unassigned_total"));
        Assert.Contains("# TYPE dorset_cloud_batches_total counter", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_Scrape_HasTheProcessAndDotNetRuntimeMetrics()
    {
        CloudApp app = await _fixture.GetAsync();

        string text = await app.Client.GetStringAsync("/metrics");

        Assert.True(PrometheusText.Value(text, "dotnet_total_memory_bytes") > 0, text);
        Assert.Contains("# TYPE process_cpu_seconds_total counter", text, StringComparison.Ordinal);
        // Every outcome is a series from the start, so a rate over a never-seen outcome is 0, not absent.
        Assert.Contains("dorset_cloud_batches_total{outcome=\"rate_limited\"} ", text, StringComparison.Ordinal);
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
}
