using System;
using System.Buffers;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Diagnostics;
using Dorset.Telehealth.Gateway.Ingest;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Dorset.Telehealth.Gateway.Broker;

/// <summary>
/// InterceptingPublishAsync: enforces the publish ACL and runs durable ingest. MQTTnet 5.2 sends the PUBACK of a QoS 1
/// publish only after this handler completes, and runs different clients' handlers concurrently
/// (test-infrastructure.md "MQTTnet 5.2 server"), so awaiting the group commit here is what makes "PUBACK after fsync"
/// true while many units still share each fsync.
/// </summary>
public sealed class TelemetryPublishInterceptor
{
    /// <summary>The sender id of messages the gateway itself injects (retained configs). '$' is not allowed in unit ids.</summary>
    public const string GatewayClientId = "$gateway";

    private readonly ReadingIngestor _ingestor;
    private readonly UnitStatusHandler _status;
    private readonly UnitSessions _sessions;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger _logger;

    /// <summary>Creates the interceptor.</summary>
    public TelemetryPublishInterceptor(ReadingIngestor ingestor, UnitStatusHandler status, UnitSessions sessions, GatewayMetrics metrics, ILogger<TelemetryPublishInterceptor> logger)
    {
        _sessions = sessions;
        _ingestor = ingestor;
        _status = status;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>The handler for <see cref="MqttServer.InterceptingPublishAsync"/>.</summary>
    public async Task InterceptAsync(InterceptingPublishEventArgs e)
    {
        if (e.ClientId == GatewayClientId)
        {
            return;
        }

        string topic = e.ApplicationMessage.Topic;
        string? unitId = e.SessionItems?[DeviceConnectionValidator.UnitIdItem] as string ?? e.UserName;
        string leaf = string.Empty;
        string? problem = unitId == null ? "no unit id" : Refusal(unitId, topic, e.ApplicationMessage.Retain, out leaf);
        if (problem != null || unitId == null)
        {
            _metrics.RecordAclViolation();
            _logger.LogWarning("ACL: refused publish by '{Unit}' (client '{Client}') to '{Topic}' ({Problem}); connection closed",
                DeviceConnectionValidator.LogSafe(unitId), DeviceConnectionValidator.LogSafe(e.ClientId), DeviceConnectionValidator.LogSafe(topic), problem);
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            // MQTT 3.1.1 has no negative PUBACK; closing the connection is the only refusal a 3.1.1 client sees
            // (MQTT 3.1.1 §3.3.5: the server may disconnect on an unauthorised publish).
            e.CloseConnection = true;
            return;
        }

        byte[] payload = e.ApplicationMessage.Payload.ToArray();
        if (leaf == MqttTopics.ReadingsLeaf)
        {
            IngestDecision decision = await _ingestor.IngestAsync(unitId, topic, payload).ConfigureAwait(false);
            // Readings are consumed by the gateway; nobody else may subscribe to them, so they are not routed on.
            e.ProcessPublish = false;
            switch (decision)
            {
                case IngestDecision.Acknowledge:
                    e.Response.ReasonCode = MqttPubAckReasonCode.Success;
                    break;
                case IngestDecision.RefuseDiskFull:
                    // No PUBACK at all: the unit keeps the reading in its outbox and re-sends after reconnecting.
                    e.Response.ReasonCode = MqttPubAckReasonCode.QuotaExceeded;
                    e.CloseConnection = true;
                    break;
                default:
                    e.Response.ReasonCode = MqttPubAckReasonCode.ImplementationSpecificError;
                    e.CloseConnection = true;
                    break;
            }

            return;
        }

        // Status is the only other leaf. Nobody may subscribe to it, so the broker keeps none of it: its retained store
        // holds only the configs the gateway publishes, one per unit. A replaced session's status (its last will, sent
        // as it is closed) says nothing about the unit's session now.
        e.ProcessPublish = false;
        if (_sessions.IsCurrent(unitId, e.SessionItems))
        {
            _status.Apply(unitId, payload);
        }
    }

    /// <summary>
    /// Why a unit may not publish this, or null: a unit publishes only its own readings (not retained) and its own
    /// status (firmware/PROTOCOL.md "MQTT topics").
    /// </summary>
    private static string? Refusal(string unitId, string topic, bool retain, out string leaf)
    {
        if (!MqttTopics.TryGetOwnLeaf(unitId, topic, out leaf))
        {
            return "not under the unit's own prefix";
        }

        if (leaf == MqttTopics.ReadingsLeaf)
        {
            return retain ? "readings are never retained" : null;
        }

        return leaf == MqttTopics.StatusLeaf ? null : "a unit publishes only readings and status";
    }
}
