using System;
using System.Collections.Generic;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Forwarding;
using Dorset.Telehealth.Gateway.Ingest;
using Dorset.Telehealth.Gateway.Storage;
using Prometheus;

namespace Dorset.Telehealth.Gateway.Diagnostics;

/// <summary>
/// Gauges whose truth lives in the database or another component (backlog, disk, alarms, open alerts): read when
/// /metrics is scraped, not kept up to date on every change.
/// </summary>
public sealed class ScrapedGauges
{
    private static readonly string[] s_levels = { "info", "amber", "red", "red-urgent" };
    private readonly TimeProvider _time;
    private readonly Gauge _backlog;
    private readonly Gauge _oldestAge;
    private readonly Gauge _lastSuccess;
    private readonly Gauge _lastError;
    private readonly Gauge _linkUp;
    private readonly Gauge _held;
    private readonly Gauge _rejected;
    private readonly Gauge _quarantine;
    private readonly Gauge _diskFree;
    private readonly Gauge _diskAlarm;
    private readonly Gauge _redSounding;
    private readonly Gauge _redUnacknowledged;
    private readonly Gauge _alertsOpen;
    private readonly Gauge _allocated;

    /// <summary>Creates the gauges on <paramref name="registry"/>.</summary>
    public ScrapedGauges(CollectorRegistry registry, TimeProvider time)
    {
        _time = time;
        IMetricFactory f = Metrics.WithCustomRegistry(registry);
        _backlog = f.CreateGauge("dorset_gateway_backlog_readings", "Readings not yet confirmed by the cloud.");
        _oldestAge = f.CreateGauge("dorset_gateway_backlog_oldest_age_seconds", "Age of the oldest unforwarded reading (0 when none).");
        _lastSuccess = f.CreateGauge("dorset_gateway_forward_last_success_timestamp_seconds", "Unix time of the last batch the cloud confirmed (0 = never).");
        _lastError = f.CreateGauge("dorset_gateway_forward_last_error_timestamp_seconds", "Unix time of the last failed post (0 = never).");
        _linkUp = f.CreateGauge("dorset_gateway_cloud_link_up", "1 when the last post to the cloud succeeded.");
        _held = f.CreateGauge("dorset_gateway_backlog_held_readings", "Unforwarded readings whose slot has no paired device address yet.");
        _rejected = f.CreateGauge("dorset_gateway_backlog_rejected_readings", "Readings the cloud refused for good (kept, never pruned).");
        _quarantine = f.CreateGauge("dorset_gateway_quarantine_frames", "Frames in the quarantine table.");
        _diskFree = f.CreateGauge("dorset_gateway_disk_free_bytes", "Free bytes on the data dir's file system.");
        _diskAlarm = f.CreateGauge("dorset_gateway_disk_alarm", "1 while readings are refused for lack of disk space.");
        _redSounding = f.CreateGauge("dorset_gateway_red_alert_sounding", "1 while a current red alert is neither acknowledged nor silenced.");
        _redUnacknowledged = f.CreateGauge("dorset_gateway_red_alert_unacknowledged", "1 while any red or red-urgent alert is unacknowledged (the alert LED).");
        // DotNetStats has the heap's size, not what was allocated: the allocation rate is what a hot path costs the GC.
        _allocated = f.CreateGauge("dorset_gateway_managed_allocated_bytes", "Managed bytes allocated since the process started (GC.GetTotalAllocatedBytes).");
        _alertsOpen = f.CreateGauge("dorset_gateway_alerts_open", "Alerts open (neither acknowledged nor resolved), by level.", new[] { "level" });
    }

    /// <summary>Reads every gauge from its source, just before the registry is exported.</summary>
    public void Update(ReadingStore readings, ForwarderState forwarder, DiskGuard disk, GatewayAlarms alarms, AlertStore alerts)
    {
        BacklogSummary backlog = readings.Backlog();
        DateTimeOffset now = _time.GetUtcNow();
        _backlog.Set(backlog.Count);
        _oldestAge.Set(backlog.OldestReceivedUtc.HasValue ? Math.Max(0, (now - backlog.OldestReceivedUtc.Value).TotalSeconds) : 0);
        _lastSuccess.Set(forwarder.LastSuccessUtc?.ToUnixTimeSeconds() ?? 0);
        _lastError.Set(forwarder.LastErrorUtc?.ToUnixTimeSeconds() ?? 0);
        _linkUp.Set(forwarder.LinkOk ? 1 : 0);
        var (held, rejected) = readings.ForwardingProblems();
        _held.Set(held);
        _rejected.Set(rejected);
        _quarantine.Set(readings.QuarantineCount());
        disk.AllowsIngest();
        _diskFree.Set(disk.FreeBytes);
        _diskAlarm.Set(alarms.DiskAlarm ? 1 : 0);
        _redSounding.Set(alarms.RedAlertSounding ? 1 : 0);
        _redUnacknowledged.Set(alarms.RedAlertUnacknowledged ? 1 : 0);
        _allocated.Set(GC.GetTotalAllocatedBytes());
        IReadOnlyDictionary<string, long> byLevel = alerts.OpenByLevel();
        foreach (string level in s_levels)
        {
            _alertsOpen.WithLabels(level).Set(byLevel.TryGetValue(level, out long n) ? n : 0);
        }
    }
}
