using System;
using System.Globalization;
using System.Text;
using System.Threading;

namespace Dorset.Telehealth.Gateway.Diagnostics;

/// <summary>
/// Counters the gateway keeps in memory and renders in the Prometheus text exposition format (version 0.0.4,
/// prometheus.io/docs/instrumenting/exposition_formats). Gauges that live in the database (backlog, oldest age) are
/// read when scraped, by <see cref="Apis.MetricsApi"/>.
/// </summary>
public sealed class GatewayMetrics
{
    // Upper bounds in seconds: an fsync here is ~0.3 ms and a group commit a few ms; seconds mean trouble.
    private static readonly double[] s_latencyBounds = { 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5 };
    private readonly long[] _latencyBuckets = new long[s_latencyBounds.Length];
    private long _latencyCount;
    private long _latencySumMicros;

    private long _readingsIngested;
    private long _duplicates;
    private long _quarantined;
    private long _implausible;
    private long _framesRejectedDiskFull;
    private long _aclViolations;
    private long _loginFailures;
    private long _connectedUnits;
    private long _pendingConnections;
    private long _packetsRefused;
    private long _pendingConnectionsRefused;
    private long _connectTimeouts;
    private long _sessionTakeovers;
    private long _statusValuesRefused;
    private long _forwardedReadings;
    private long _forwardFailures;
    private long _alertEvaluationFailures;
    private long _alertsRefusedByCloud;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _alertsRaisedByRule = new(StringComparer.Ordinal);

    /// <summary>Readings stored (new, not duplicates).</summary>
    public long ReadingsIngested => Interlocked.Read(ref _readingsIngested);

    /// <summary>Readings acknowledged but not stored again.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Frames kept raw because they did not decode.</summary>
    public long Quarantined => Interlocked.Read(ref _quarantined);

    /// <summary>Units with an MQTT session now.</summary>
    public long ConnectedUnits => Interlocked.Read(ref _connectedUnits);

    /// <summary>Publishes refused by the topic ACL.</summary>
    public long AclViolations => Interlocked.Read(ref _aclViolations);

    /// <summary>Refused logins.</summary>
    public long LoginFailures => Interlocked.Read(ref _loginFailures);

    /// <summary>Frames not acknowledged because the disk guard tripped.</summary>
    public long FramesRejectedDiskFull => Interlocked.Read(ref _framesRejectedDiskFull);

    /// <summary>Counts one committed frame's outcome.</summary>
    public void RecordIngest(int stored, int duplicates, int implausible, TimeSpan latency)
    {
        Interlocked.Add(ref _readingsIngested, stored);
        Interlocked.Add(ref _duplicates, duplicates);
        Interlocked.Add(ref _implausible, implausible);
        double seconds = latency.TotalSeconds;
        for (int i = 0; i < s_latencyBounds.Length; i++)
        {
            if (seconds <= s_latencyBounds[i])
            {
                Interlocked.Increment(ref _latencyBuckets[i]);
                break;
            }
        }

        Interlocked.Increment(ref _latencyCount);
        Interlocked.Add(ref _latencySumMicros, (long)(seconds * 1_000_000));
    }

    /// <summary>Counts a quarantined frame.</summary>
    public void RecordQuarantined() => Interlocked.Increment(ref _quarantined);

    /// <summary>Counts a frame refused by the disk guard.</summary>
    public void RecordDiskFullRejection() => Interlocked.Increment(ref _framesRejectedDiskFull);

    /// <summary>Counts an ACL violation.</summary>
    public void RecordAclViolation() => Interlocked.Increment(ref _aclViolations);

    /// <summary>Counts a refused login.</summary>
    public void RecordLoginFailure() => Interlocked.Increment(ref _loginFailures);

    /// <summary>MQTT connections accepted and not yet answered with CONNACK.</summary>
    public long PendingConnections => Interlocked.Read(ref _pendingConnections);

    /// <summary>A connection was admitted (+1), or answered or closed (-1).</summary>
    public void AdjustPendingConnections(int delta) => Interlocked.Add(ref _pendingConnections, delta);

    /// <summary>Counts an MQTT packet refused for its size before it was read (its connection closed).</summary>
    public void RecordPacketRefused() => Interlocked.Increment(ref _packetsRefused);

    /// <summary>Counts a connection closed at once because its address had too many waiting for CONNACK.</summary>
    public void RecordPendingConnectionRefused() => Interlocked.Increment(ref _pendingConnectionsRefused);

    /// <summary>Counts a connection closed for not sending CONNECT in time.</summary>
    public void RecordConnectTimeout() => Interlocked.Increment(ref _connectTimeouts);

    /// <summary>Counts a unit session replaced by a new login of the same unit.</summary>
    public void RecordSessionTakeover() => Interlocked.Increment(ref _sessionTakeovers);

    /// <summary>Counts status values stored as unknown because they were out of range.</summary>
    public void RecordStatusValuesRefused(int count) => Interlocked.Add(ref _statusValuesRefused, count);

    /// <summary>A unit connected (+1) or disconnected (-1).</summary>
    public void AdjustConnected(int delta) => Interlocked.Add(ref _connectedUnits, delta);

    /// <summary>Counts readings the cloud confirmed.</summary>
    public void RecordForwarded(int count) => Interlocked.Add(ref _forwardedReadings, count);

    /// <summary>Counts a failed batch post.</summary>
    public void RecordForwardFailure() => Interlocked.Increment(ref _forwardFailures);

    /// <summary>Counts an alert raised by <paramref name="ruleId"/>.</summary>
    public void RecordAlertRaised(string ruleId) => _alertsRaisedByRule.AddOrUpdate(ruleId, 1, (_, n) => n + 1);

    /// <summary>Counts a stored reading the rules could not judge.</summary>
    public void RecordAlertEvaluationFailure() => Interlocked.Increment(ref _alertEvaluationFailures);

    /// <summary>Counts an alert revision the cloud refused for good (logged with its reason).</summary>
    public void RecordAlertRefusedByCloud() => Interlocked.Increment(ref _alertsRefusedByCloud);

    /// <summary>Alerts raised by <paramref name="ruleId"/> since start.</summary>
    public long AlertsRaised(string ruleId) => _alertsRaisedByRule.TryGetValue(ruleId, out long n) ? n : 0;

    /// <summary>Appends the in-memory metrics in Prometheus text format.</summary>
    public void WriteTo(StringBuilder text)
    {
        Counter(text, "dorset_gateway_readings_ingested_total", "Readings committed to SQLite.", ReadingsIngested);
        Counter(text, "dorset_gateway_readings_duplicate_total", "Readings acknowledged as duplicates and not stored again.", Duplicates);
        Counter(text, "dorset_gateway_readings_implausible_total", "Readings stored with an implausibility flag.", Interlocked.Read(ref _implausible));
        Counter(text, "dorset_gateway_frames_quarantined_total", "Frames that failed to decode, kept raw.", Quarantined);
        Counter(text, "dorset_gateway_frames_rejected_disk_total", "Frames not acknowledged because free disk space was below the threshold.", FramesRejectedDiskFull);
        Counter(text, "dorset_gateway_acl_violations_total", "Publishes or subscriptions refused by the topic ACL.", AclViolations);
        Counter(text, "dorset_gateway_login_failures_total", "Refused MQTT logins.", LoginFailures);
        Counter(text, "dorset_gateway_forwarded_readings_total", "Readings the cloud listed as accepted or duplicate.", Interlocked.Read(ref _forwardedReadings));
        Counter(text, "dorset_gateway_forward_failures_total", "Batch posts to the cloud that failed.", Interlocked.Read(ref _forwardFailures));
        Gauge(text, "dorset_gateway_pending_connections", "MQTT connections accepted and not yet answered with CONNACK.", PendingConnections);
        Counter(text, "dorset_gateway_packets_refused_total", "MQTT packets refused for their size before being read; each closed its connection.", Interlocked.Read(ref _packetsRefused));
        Counter(text, "dorset_gateway_pending_connections_refused_total", "MQTT connections closed at once: their address had too many waiting for CONNACK.", Interlocked.Read(ref _pendingConnectionsRefused));
        Counter(text, "dorset_gateway_connect_timeouts_total", "MQTT connections closed for not sending CONNECT in time.", Interlocked.Read(ref _connectTimeouts));
        Counter(text, "dorset_gateway_session_takeovers_total", "Unit sessions replaced by a new login of the same unit.", Interlocked.Read(ref _sessionTakeovers));
        Counter(text, "dorset_gateway_status_values_refused_total", "Status values out of their range, stored as unknown.", Interlocked.Read(ref _statusValuesRefused));
        Gauge(text, "dorset_gateway_connected_units", "Units with an MQTT session.", ConnectedUnits);
        Counter(text, "dorset_gateway_alerts_refused_by_cloud_total", "Alert revisions the cloud refused for good (see the log).", Interlocked.Read(ref _alertsRefusedByCloud));
        Counter(text, "dorset_gateway_alert_evaluation_failures_total", "Stored readings the alert rules could not judge (see the log).", Interlocked.Read(ref _alertEvaluationFailures));
        var raised = new System.Collections.Generic.SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var pair in _alertsRaisedByRule)
        {
            raised[pair.Key] = pair.Value;
        }

        Labelled(text, "dorset_gateway_alerts_raised_total", "Alerts raised since start, by the rule that fired.", "counter", "rule", raised);

        const string name = "dorset_gateway_ingest_latency_seconds";
        text.Append("# HELP ").Append(name).Append(" Time from receiving a readings publish to its durable commit.\n");
        text.Append("# TYPE ").Append(name).Append(" histogram\n");
        long cumulative = 0;
        for (int i = 0; i < s_latencyBounds.Length; i++)
        {
            cumulative += Interlocked.Read(ref _latencyBuckets[i]);
            text.Append(name).Append("_bucket{le=\"").Append(s_latencyBounds[i].ToString(CultureInfo.InvariantCulture)).Append("\"} ")
                .Append(cumulative.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        long count = Interlocked.Read(ref _latencyCount);
        text.Append(name).Append("_bucket{le=\"+Inf\"} ").Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append(name).Append("_sum ").Append((Interlocked.Read(ref _latencySumMicros) / 1_000_000.0).ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append(name).Append("_count ").Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    /// <summary>Writes one counter.</summary>
    public static void Counter(StringBuilder text, string name, string help, long value) => Write(text, name, help, "counter", value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Writes one gauge.</summary>
    public static void Gauge(StringBuilder text, string name, string help, double value) => Write(text, name, help, "gauge", value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Writes one metric with a series per label value, e.g. name{rule="glucose-low"} 3.</summary>
    public static void Labelled(StringBuilder text, string name, string help, string type, string label, System.Collections.Generic.IReadOnlyDictionary<string, double> series)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        foreach (var pair in series)
        {
            // Label values here are rule ids and level names ([a-z0-9-]): nothing to escape.
            text.Append(name).Append('{').Append(label).Append("=\"").Append(pair.Key).Append("\"} ")
                .Append(pair.Value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    private static void Write(StringBuilder text, string name, string help, string type, string value)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        text.Append(name).Append(' ').Append(value).Append('\n');
    }
}
