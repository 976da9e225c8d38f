using System;
using System.Collections.Generic;
using System.Text;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Diagnostics;
using Dorset.Telehealth.Gateway.Forwarding;
using Dorset.Telehealth.Gateway.Ingest;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dorset.Telehealth.Gateway.Apis;

/// <summary>GET /metrics in the Prometheus text format.</summary>
public static class MetricsApi
{
    /// <summary>Maps /metrics.</summary>
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", GetMetrics).WithName("Metrics").WithSummary("Prometheus text exposition of the gateway's counters and gauges.");
        return app;
    }

    /// <summary>Renders the metrics.</summary>
    public static IResult GetMetrics(GatewayMetrics metrics, ReadingStore readings, ForwarderState forwarder, DiskGuard disk, GatewayAlarms alarms, AlertStore alerts)
    {
        var text = new StringBuilder();
        metrics.WriteTo(text);
        BacklogSummary backlog = readings.Backlog();
        DateTimeOffset now = DateTimeOffset.UtcNow;
        GatewayMetrics.Gauge(text, "dorset_gateway_backlog_readings", "Readings not yet confirmed by the cloud.", backlog.Count);
        GatewayMetrics.Gauge(text, "dorset_gateway_backlog_oldest_age_seconds", "Age of the oldest unforwarded reading (0 when none).",
            backlog.OldestReceivedUtc.HasValue ? Math.Max(0, (now - backlog.OldestReceivedUtc.Value).TotalSeconds) : 0);
        GatewayMetrics.Gauge(text, "dorset_gateway_forward_last_success_timestamp_seconds", "Unix time of the last batch the cloud confirmed (0 = never).",
            forwarder.LastSuccessUtc?.ToUnixTimeSeconds() ?? 0);
        GatewayMetrics.Gauge(text, "dorset_gateway_forward_last_error_timestamp_seconds", "Unix time of the last failed post (0 = never).",
            forwarder.LastErrorUtc?.ToUnixTimeSeconds() ?? 0);
        GatewayMetrics.Gauge(text, "dorset_gateway_cloud_link_up", "1 when the last post to the cloud succeeded.", forwarder.LinkOk ? 1 : 0);
        var (held, rejected) = readings.ForwardingProblems();
        GatewayMetrics.Gauge(text, "dorset_gateway_backlog_held_readings", "Unforwarded readings whose slot has no paired device address yet.", held);
        GatewayMetrics.Gauge(text, "dorset_gateway_backlog_rejected_readings", "Readings the cloud refused for good (kept, never pruned).", rejected);
        GatewayMetrics.Gauge(text, "dorset_gateway_quarantine_frames", "Frames in the quarantine table.", readings.QuarantineCount());
        disk.AllowsIngest();
        GatewayMetrics.Gauge(text, "dorset_gateway_disk_free_bytes", "Free bytes on the data dir's file system.", disk.FreeBytes);
        GatewayMetrics.Gauge(text, "dorset_gateway_disk_alarm", "1 while readings are refused for lack of disk space.", alarms.DiskAlarm ? 1 : 0);
        GatewayMetrics.Gauge(text, "dorset_gateway_red_alert_sounding", "1 while a current red alert is neither acknowledged nor silenced.", alarms.RedAlertSounding ? 1 : 0);
        GatewayMetrics.Gauge(text, "dorset_gateway_red_alert_unacknowledged", "1 while any red or red-urgent alert is unacknowledged (the alert LED).", alarms.RedAlertUnacknowledged ? 1 : 0);
        var open = new System.Collections.Generic.SortedDictionary<string, double>(StringComparer.Ordinal);
        IReadOnlyDictionary<string, long> byLevel = alerts.OpenByLevel();
        foreach (string level in new[] { "info", "amber", "red", "red-urgent" })
        {
            open[level] = byLevel.TryGetValue(level, out long n) ? n : 0;
        }

        GatewayMetrics.Labelled(text, "dorset_gateway_alerts_open", "Alerts open (neither acknowledged nor resolved), by level.", "gauge", "level", open);
        return Results.Text(text.ToString(), "text/plain; version=0.0.4; charset=utf-8");
    }
}
