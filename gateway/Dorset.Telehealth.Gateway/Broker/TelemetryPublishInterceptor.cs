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
    private readonly GatewayMetrics _metrics;
    private readonly ILogger _logger;

    /// <summary>Creates the interceptor.</summary>
    public TelemetryPublishInterceptor(ReadingIngestor ingestor, UnitStatusHandler status, GatewayMetrics metrics, ILogger<TelemetryPublishInterceptor> logger)
    {
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
        if (unitId == null || !MqttTopics.TryGetOwnLeaf(unitId, topic, out string leaf) || leaf == MqttTopics.ConfigLeaf)
        {
            // A unit may publish only under its own prefix, and never its own config (gateway -> unit only).
            _metrics.RecordAclViolation();
            _logger.LogWarning("ACL: refused publish by '{Unit}' (client '{Client}') to '{Topic}'; connection closed",
                DeviceConnectionValidator.LogSafe(unitId), DeviceConnectionValidator.LogSafe(e.ClientId), DeviceConnectionValidator.LogSafe(topic));
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

        if (leaf == MqttTopics.StatusLeaf)
        {
            _status.Apply(unitId, payload);
            return;
        }

        // Other topics under the unit's own prefix are allowed by the ACL but mean nothing to v1: acknowledged and
        // dropped, never retained (retained messages live in the broker's memory).
        e.ProcessPublish = false;
    }
}
