using System;
using System.Collections.Generic;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Broker;
using Dorset.Telehealth.Gateway.Diagnostics;
using Dorset.Telehealth.Gateway.Ingest;
using Dorset.Telehealth.Gateway.Tests.Fakes;
using Dorset.Telehealth.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Dorset.Telehealth.Gateway.Tests.Health;

public sealed class HealthAndMetricsTests
{
    [Fact]
    public async Task Health_RunningGateway_IsHealthyWithBrokerDatabaseAndDisk()
    {
        await using var host = new GatewayHost();

        var response = await host.Http.GetAsync("/health");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        foreach (string check in new[] { "self", "broker", "database", "disk" })
        {
            Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty(check).GetProperty("status").GetString());
        }

        Assert.True(json.RootElement.GetProperty("checks").GetProperty("disk").GetProperty("data").GetProperty("freeBytes").GetInt64() > 0);
    }

    [Fact]
    public async Task Metrics_Scrape_HasEveryRequiredSeriesInPrometheusFormat()
    {
        await using var host = new GatewayHost();

        var response = await host.Http.GetAsync("/metrics");
        string text = await response.Content.ReadAsStringAsync();

        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        foreach (string series in new[]
        {
            "dorset_gateway_readings_ingested_total 0", "dorset_gateway_readings_duplicate_total 0", "dorset_gateway_frames_quarantined_total 0",
            "dorset_gateway_backlog_readings 0", "dorset_gateway_connected_units 0", "dorset_gateway_ingest_latency_seconds_bucket{le=\"+Inf\"} 0",
            "# TYPE dorset_gateway_ingest_latency_seconds histogram", "dorset_gateway_backlog_oldest_age_seconds 0",
        })
        {
            Assert.Contains(series, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Metrics_Scrape_HasTheProcessAndDotNetRuntimeMetrics()
    {
        await using var host = new GatewayHost();

        string text = await host.Http.GetStringAsync("/metrics");

        // The soak benchmark reads the GC heap from here; process CPU and memory are what an operator watches on a Pi.
        Assert.True(PrometheusText.Value(text, "dotnet_total_memory_bytes") > 0, text);
        Assert.Contains("# TYPE process_cpu_seconds_total counter", text, StringComparison.Ordinal);
        Assert.True(PrometheusText.Value(text, "process_working_set_bytes") > 0, text);
    }

    [Fact]
    public async Task Metrics_TwoHostsInOneProcess_EachCountsOnlyItsOwn()
    {
        await using var first = new GatewayHost();
        await using var second = new GatewayHost();

        first.Services.GetRequiredService<GatewayMetrics>().RecordForwardFailure();
        first.Services.GetRequiredService<GatewayMetrics>().RecordIngest(3, 0, 0, TimeSpan.FromMilliseconds(2));

        Assert.Equal(1, PrometheusText.Value(await first.Http.GetStringAsync("/metrics"), "dorset_gateway_forward_failures_total"));
        string other = await second.Http.GetStringAsync("/metrics");
        Assert.Equal(0, PrometheusText.Value(other, "dorset_gateway_forward_failures_total"));
        Assert.Equal(0, PrometheusText.Value(other, "dorset_gateway_readings_ingested_total"));
        Assert.Equal(0, PrometheusText.Value(other, "dorset_gateway_ingest_latency_seconds_count"));
    }

    [Fact]
    public async Task DiskGuard_BelowThreshold_RefusesReadingsWithoutPubackAndRaisesAlarm()
    {
        await using var host = new GatewayHost(settings: new Dictionary<string, string?>
        {
            ["GatewayOptions:MinimumFreeDiskBytes"] = long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        string secret = host.Units.Add("unit-a", null);
        var (client, _) = await UnitClient.ConnectAsync(host.MqttPort, "unit-a", secret);
        await using var __ = client;

        // Any payload: the guard refuses before decoding, so the unit keeps its reading.
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await client.PublishAsync(MqttTopics.Readings("unit-a"), new byte[] { 1, 2, 3, 4 });
            await client.WaitForDisconnectAsync(TimeSpan.FromSeconds(10));
            throw new InvalidOperationException("closed");
        });

        Assert.Equal(0, host.Readings.Count());
        Assert.Equal(0, host.Readings.QuarantineCount());
        Assert.True(host.Services.GetRequiredService<GatewayAlarms>().DiskAlarm);
        Assert.Equal(1, host.Services.GetRequiredService<GatewayMetrics>().FramesRejectedDiskFull);
        var health = await host.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("DISK ALARM", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnitsApi_NeedsASession_AndListsUnitsWithoutSecrets()
    {
        await using var host = new GatewayHost();
        host.Units.Add("unit-a", "P-1");
        using var api = await host.StartApiSessionAsync();

        var anonymous = await host.Http.GetAsync("/api/units");
        string body = await api.GetStringAsync("/api/units");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("\"unitId\":\"unit-a\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", body, StringComparison.OrdinalIgnoreCase);
    }
}
