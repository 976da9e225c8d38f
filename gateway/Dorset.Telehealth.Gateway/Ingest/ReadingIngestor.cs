using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Diagnostics;
using Dorset.Telehealth.Gateway.Forwarding;
using Dorset.Telehealth.Gateway.Storage;
using Microsoft.Extensions.Logging;

namespace Dorset.Telehealth.Gateway.Ingest;

/// <summary>What the broker must do with a readings publish.</summary>
public enum IngestDecision
{
    /// <summary>Durably handled (stored, duplicate or quarantined): send PUBACK.</summary>
    Acknowledge = 0,

    /// <summary>The disk guard tripped: no PUBACK, the unit keeps the frame.</summary>
    RefuseDiskFull = 1,

    /// <summary>The database could not commit: no PUBACK, the unit re-sends.</summary>
    RefuseStorageError = 2,
}

/// <summary>
/// Decode, validate, commit: everything between a readings publish arriving and the broker being allowed to PUBACK it.
/// Runs inside the publish handler of many units concurrently; only the commit itself is serialised, in groups.
/// </summary>
public sealed class ReadingIngestor
{
    /// <summary>
    /// The largest readings payload decoded. A frame of a few hundred readings is a few KiB; anything near this is a
    /// broken or hostile sender, and it is quarantined (first 4 KiB kept) rather than re-sent forever.
    /// </summary>
    public const int MaxFrameBytes = 64 * 1024;

    private readonly IUplinkFrameDecoder _decoder;
    private readonly GroupCommitWriter _writer;
    private readonly DiskGuard _diskGuard;
    private readonly GatewayMetrics _metrics;
    private readonly AlertAnnunciator _annunciator;
    private readonly HubChangeFeed _feed;
    private readonly TimeProvider _time;
    private readonly PairedDeviceDirectory _devices;
    private readonly NewReadingsSignal _newReadings;
    private readonly ILogger _logger;

    /// <summary>Creates the ingestor.</summary>
    public ReadingIngestor(IUplinkFrameDecoder decoder, GroupCommitWriter writer, DiskGuard diskGuard, GatewayMetrics metrics,
        AlertAnnunciator annunciator, HubChangeFeed feed, PairedDeviceDirectory devices, NewReadingsSignal newReadings, TimeProvider time,
        ILogger<ReadingIngestor> logger)
    {
        _time = time;
        _annunciator = annunciator;
        _feed = feed;
        _newReadings = newReadings;
        _devices = devices;
        _decoder = decoder;
        _writer = writer;
        _diskGuard = diskGuard;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Handles one readings payload of <paramref name="unitId"/>; returns only after anything stored is durable.</summary>
    public async Task<IngestDecision> IngestAsync(string unitId, string topic, byte[] payload)
    {
        if (!_diskGuard.AllowsIngest())
        {
            _metrics.RecordDiskFullRejection();
            return IngestDecision.RefuseDiskFull;
        }

        long started = Stopwatch.GetTimestamp();
        DateTimeOffset received = _time.GetUtcNow();
        try
        {
            if (payload.Length > MaxFrameBytes)
            {
                await _writer.QuarantineAsync(unitId, topic, payload.AsSpan(0, 4096).ToArray(),
                    $"payload of {payload.Length} bytes exceeds {MaxFrameBytes}; first 4096 kept", received).ConfigureAwait(false);
                _metrics.RecordQuarantined();
                _logger.LogWarning("quarantined an oversized {Length}-byte frame from {Unit}", payload.Length, unitId);
                return IngestDecision.Acknowledge;
            }

            if (!_decoder.TryDecode(payload, out IReadOnlyList<IncomingReading> decoded, out string reason))
            {
                await _writer.QuarantineAsync(unitId, topic, payload, reason, received).ConfigureAwait(false);
                _metrics.RecordIngest(0, 0, 0, Stopwatch.GetElapsedTime(started));
                _metrics.RecordQuarantined();
                _logger.LogWarning("quarantined a {Length}-byte frame from {Unit}: {Reason}", payload.Length, unitId, reason);
                return IngestDecision.Acknowledge;
            }

            var readings = new IncomingReading[decoded.Count];
            var implausible = new string?[readings.Length];
            var devices = new PairedDevice?[readings.Length];
            for (int i = 0; i < readings.Length; i++)
            {
                // A v2 reading names its device; the config is asked only for that device's settings. A v1 reading is
                // attributed to whatever the config holds in its slot, as v1 always was.
                devices[i] = decoded[i].DeviceAddress is string address ? _devices.FindByAddress(unitId, address) : _devices.Find(unitId, decoded[i].DeviceSlot);
                readings[i] = SharedScaleAttribution.Apply(decoded[i], devices[i]);
                implausible[i] = PlausibilityRules.Check(readings[i], received);
            }

            FrameCommitResult result = await _writer.CommitFrameAsync(unitId, topic, payload, readings, implausible, received, devices).ConfigureAwait(false);
            _metrics.RecordIngest(result.Stored, result.Duplicates, result.Implausible, Stopwatch.GetElapsedTime(started));
            if (result.Stored > 0)
            {
                _newReadings.Notify();
                _feed.Publish(new HubChange("readings", unitId, result.Stored.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            _annunciator.Announce(result.AlertChanges);
            foreach (string failure in result.AlertFailures)
            {
                _metrics.RecordAlertEvaluationFailure();
                _logger.LogError("{Unit}: reading stored but the alert rules could not judge it: {Failure}", unitId, failure);
            }

            if (result.Conflicts > 0)
            {
                for (int i = 0; i < result.Conflicts; i++)
                {
                    _metrics.RecordQuarantined();
                }

                _logger.LogWarning("{Unit} re-used {Count} outbox sequence(s) for different readings; kept in quarantine", unitId, result.Conflicts);
            }

            for (int i = 0; i < readings.Length; i++)
            {
                if (implausible[i] != null && result.StoredFlags[i])
                {
                    _logger.LogWarning("{Unit} outbox {Sequence}: stored and flagged implausible: {Reason}", unitId, readings[i].OutboxSequence, implausible[i]);
                }
            }

            return IngestDecision.Acknowledge;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Logged by the writer; the frame stays in the unit's outbox.
            _logger.LogDebug(e, "frame of {Unit} not committed", unitId);
            return IngestDecision.RefuseStorageError;
        }
    }
}
