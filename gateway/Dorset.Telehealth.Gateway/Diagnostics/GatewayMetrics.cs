using System;
using Prometheus;

namespace Dorset.Telehealth.Gateway.Diagnostics;

/// <summary>
/// The gateway's in-memory counters, kept by prometheus-net on the host's own <see cref="CollectorRegistry"/> (one per
/// host, so test hosts in one process never share a count). Gauges that live in the database (backlog, oldest age) are
/// set when scraped, by <see cref="ScrapedGauges"/>.
/// </summary>
public sealed class GatewayMetrics
{
    // Upper bounds in seconds: an fsync here is ~0.3 ms and a group commit a few ms; seconds mean trouble.
    private static readonly double[] s_latencyBounds = { 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5 };

    private readonly Counter _readingsIngested;
    private readonly Counter _duplicates;
    private readonly Counter _implausible;
    private readonly Counter _quarantined;
    private readonly Counter _framesRejectedDiskFull;
    private readonly Counter _aclViolations;
    private readonly Counter _loginFailures;
    private readonly Counter _forwardedReadings;
    private readonly Counter _forwardFailures;
    private readonly Gauge _pendingConnections;
    private readonly Counter _packetsRefused;
    private readonly Counter _pendingConnectionsRefused;
    private readonly Counter _connectTimeouts;
    private readonly Counter _sessionTakeovers;
    private readonly Counter _statusValuesRefused;
    private readonly Gauge _connectedUnits;
    private readonly Counter _alertsRefusedByCloud;
    private readonly Counter _alertEvaluationFailures;
    private readonly Counter _alertsRaised;
    private readonly Histogram _ingestLatency;

    /// <summary>Creates the metrics on <paramref name="registry"/>.</summary>
    public GatewayMetrics(CollectorRegistry registry)
    {
        IMetricFactory f = Metrics.WithCustomRegistry(registry);
        _readingsIngested = f.CreateCounter("dorset_gateway_readings_ingested_total", "Readings committed to SQLite.");
        _duplicates = f.CreateCounter("dorset_gateway_readings_duplicate_total", "Readings acknowledged as duplicates and not stored again.");
        _implausible = f.CreateCounter("dorset_gateway_readings_implausible_total", "Readings stored with an implausibility flag.");
        _quarantined = f.CreateCounter("dorset_gateway_frames_quarantined_total", "Frames that failed to decode, kept raw.");
        _framesRejectedDiskFull = f.CreateCounter("dorset_gateway_frames_rejected_disk_total", "Frames not acknowledged because free disk space was below the threshold.");
        _aclViolations = f.CreateCounter("dorset_gateway_acl_violations_total", "Publishes or subscriptions refused by the topic ACL.");
        _loginFailures = f.CreateCounter("dorset_gateway_login_failures_total", "Refused MQTT logins.");
        _forwardedReadings = f.CreateCounter("dorset_gateway_forwarded_readings_total", "Readings the cloud listed as accepted or duplicate.");
        _forwardFailures = f.CreateCounter("dorset_gateway_forward_failures_total", "Batch posts to the cloud that failed.");
        _pendingConnections = f.CreateGauge("dorset_gateway_pending_connections", "MQTT connections accepted and not yet answered with CONNACK.");
        _packetsRefused = f.CreateCounter("dorset_gateway_packets_refused_total", "MQTT packets refused for their size before being read; each closed its connection.");
        _pendingConnectionsRefused = f.CreateCounter("dorset_gateway_pending_connections_refused_total", "MQTT connections closed at once: their address had too many waiting for CONNACK.");
        _connectTimeouts = f.CreateCounter("dorset_gateway_connect_timeouts_total", "MQTT connections closed for not sending CONNECT in time.");
        _sessionTakeovers = f.CreateCounter("dorset_gateway_session_takeovers_total", "Unit sessions replaced by a new login of the same unit.");
        _statusValuesRefused = f.CreateCounter("dorset_gateway_status_values_refused_total", "Status values out of their range, stored as unknown.");
        _connectedUnits = f.CreateGauge("dorset_gateway_connected_units", "Units with an MQTT session.");
        _alertsRefusedByCloud = f.CreateCounter("dorset_gateway_alerts_refused_by_cloud_total", "Alert revisions the cloud refused for good (see the log).");
        _alertEvaluationFailures = f.CreateCounter("dorset_gateway_alert_evaluation_failures_total", "Stored readings the alert rules could not judge (see the log).");
        _alertsRaised = f.CreateCounter("dorset_gateway_alerts_raised_total", "Alerts raised since start, by the rule that fired.", new[] { "rule" });
        _ingestLatency = f.CreateHistogram("dorset_gateway_ingest_latency_seconds", "Time from receiving a readings publish to its durable commit.",
            new HistogramConfiguration { Buckets = s_latencyBounds });
    }

    /// <summary>Readings stored (new, not duplicates).</summary>
    public long ReadingsIngested => (long)_readingsIngested.Value;

    /// <summary>Readings acknowledged but not stored again.</summary>
    public long Duplicates => (long)_duplicates.Value;

    /// <summary>Frames kept raw because they did not decode.</summary>
    public long Quarantined => (long)_quarantined.Value;

    /// <summary>Units with an MQTT session now.</summary>
    public long ConnectedUnits => (long)_connectedUnits.Value;

    /// <summary>Publishes refused by the topic ACL.</summary>
    public long AclViolations => (long)_aclViolations.Value;

    /// <summary>Refused logins.</summary>
    public long LoginFailures => (long)_loginFailures.Value;

    /// <summary>Frames not acknowledged because the disk guard tripped.</summary>
    public long FramesRejectedDiskFull => (long)_framesRejectedDiskFull.Value;

    /// <summary>MQTT connections accepted and not yet answered with CONNACK.</summary>
    public long PendingConnections => (long)_pendingConnections.Value;

    /// <summary>Counts one committed frame's outcome.</summary>
    public void RecordIngest(int stored, int duplicates, int implausible, TimeSpan latency)
    {
        _readingsIngested.Inc(stored);
        _duplicates.Inc(duplicates);
        _implausible.Inc(implausible);
        _ingestLatency.Observe(latency.TotalSeconds);
    }

    /// <summary>Counts a quarantined frame.</summary>
    public void RecordQuarantined() => _quarantined.Inc();

    /// <summary>Counts a frame refused by the disk guard.</summary>
    public void RecordDiskFullRejection() => _framesRejectedDiskFull.Inc();

    /// <summary>Counts an ACL violation.</summary>
    public void RecordAclViolation() => _aclViolations.Inc();

    /// <summary>Counts a refused login.</summary>
    public void RecordLoginFailure() => _loginFailures.Inc();

    /// <summary>A connection was admitted (+1), or answered or closed (-1).</summary>
    public void AdjustPendingConnections(int delta) => _pendingConnections.Inc(delta);

    /// <summary>Counts an MQTT packet refused for its size before it was read (its connection closed).</summary>
    public void RecordPacketRefused() => _packetsRefused.Inc();

    /// <summary>Counts a connection closed at once because its address had too many waiting for CONNACK.</summary>
    public void RecordPendingConnectionRefused() => _pendingConnectionsRefused.Inc();

    /// <summary>Counts a connection closed for not sending CONNECT in time.</summary>
    public void RecordConnectTimeout() => _connectTimeouts.Inc();

    /// <summary>Counts a unit session replaced by a new login of the same unit.</summary>
    public void RecordSessionTakeover() => _sessionTakeovers.Inc();

    /// <summary>Counts status values stored as unknown because they were out of range.</summary>
    public void RecordStatusValuesRefused(int count) => _statusValuesRefused.Inc(count);

    /// <summary>A unit connected (+1) or disconnected (-1).</summary>
    public void AdjustConnected(int delta) => _connectedUnits.Inc(delta);

    /// <summary>Counts readings the cloud confirmed.</summary>
    public void RecordForwarded(int count) => _forwardedReadings.Inc(count);

    /// <summary>Counts a failed batch post.</summary>
    public void RecordForwardFailure() => _forwardFailures.Inc();

    /// <summary>Counts an alert raised by <paramref name="ruleId"/>.</summary>
    public void RecordAlertRaised(string ruleId) => _alertsRaised.WithLabels(ruleId).Inc();

    /// <summary>Counts a stored reading the rules could not judge.</summary>
    public void RecordAlertEvaluationFailure() => _alertEvaluationFailures.Inc();

    /// <summary>Counts an alert revision the cloud refused for good (logged with its reason).</summary>
    public void RecordAlertRefusedByCloud() => _alertsRefusedByCloud.Inc();

    /// <summary>Alerts raised by <paramref name="ruleId"/> since start.</summary>
    public long AlertsRaised(string ruleId) => (long)_alertsRaised.WithLabels(ruleId).Value;
}
