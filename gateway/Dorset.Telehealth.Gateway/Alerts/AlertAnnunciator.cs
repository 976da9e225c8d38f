using System;
using System.Collections.Generic;
using Dorset.Telehealth.Gateway.Diagnostics;
using Dorset.Telehealth.Gateway.Ingest;
using Microsoft.Extensions.Logging;

namespace Dorset.Telehealth.Gateway.Alerts;

/// <summary>
/// Makes committed alert changes seen and heard: logs each raised alert with its patient, unit, rule and value, counts
/// it, publishes it on the change feed, and sets the front panel from the stored alerts (so the buzzer and the LED
/// always agree with the table, including after a restart). Staff actions on alerts go through it for the same reason.
/// </summary>
public sealed class AlertAnnunciator
{
    private readonly AlertStore _store;
    private readonly GatewayAlarms _alarms;
    private readonly GatewayMetrics _metrics;
    private readonly HubChangeFeed _feed;
    private readonly TimeProvider _time;
    private readonly Forwarding.NewReadingsSignal _forward;
    private readonly ILogger _logger;
    // Read-then-show under one lock: whoever reads the table last shows last, so an acknowledgement racing a new red
    // alert can never leave the LED showing the older state.
    private readonly System.Threading.Lock _panelGate = new();
    private PanelState? _shown;

    /// <summary>Creates the annunciator.</summary>
    public AlertAnnunciator(AlertStore store, GatewayAlarms alarms, GatewayMetrics metrics, HubChangeFeed feed, TimeProvider time,
        Forwarding.NewReadingsSignal forward, ILogger<AlertAnnunciator> logger)
    {
        _forward = forward;
        _store = store;
        _alarms = alarms;
        _metrics = metrics;
        _feed = feed;
        _time = time;
        _logger = logger;
    }

    /// <summary>Sets the panel from the stored alerts (at start).</summary>
    public void Restore()
    {
        PanelState panel = ShowPanel();
        if (panel.AlertLedOn)
        {
            _logger.LogWarning("red alerts are unacknowledged (buzzer {State}); see `dorset-gateway alerts list --state open`", panel.BuzzerSounding ? "sounding" : "silenced");
        }
    }

    /// <summary>Sets the panel from the stored alerts again: an acknowledgement made by the CLI shows within one clock-rule run.</summary>
    public void Refresh() => ShowPanel();

    private PanelState ShowPanel()
    {
        lock (_panelGate)
        {
            PanelState panel = _store.Panel();
            _alarms.Show(panel);
            if (_shown != panel)
            {
                // The log says what the nurse hears and sees, so "why did it beep?" can be answered afterwards.
                _logger.LogWarning("front panel: buzzer {Buzzer}, alert LED {Led}", panel.BuzzerSounding ? "sounding" : "quiet", panel.AlertLedOn ? "on" : "off");
                _shown = panel;
            }

            return panel;
        }
    }

    /// <summary>Announces changes that were just committed.</summary>
    public void Announce(IReadOnlyList<AlertChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        foreach (AlertChange change in changes)
        {
            if (change.Kind == AlertChangeKind.Raised)
            {
                _metrics.RecordAlertRaised(change.RuleId);
                _logger.LogWarning("alert {Id} raised: {Level} {Rule} for {Unit}: {Summary}", change.AlertId, change.Level, change.RuleId, change.UnitId, change.Summary);
            }
            else if (change.Kind == AlertChangeKind.Resolved)
            {
                _logger.LogInformation("alert {Id} resolved ({Rule}): the condition cleared", change.AlertId, change.RuleId);
            }

            _feed.Publish(change);
        }

        ShowPanel();
    }

    /// <summary>The silence button (or the console): stops the buzzer for every sounding alert and records it on each.</summary>
    public IReadOnlyList<string> Silence(string by)
    {
        IReadOnlyList<string> ids = _store.Silence(by, _time.GetUtcNow());
        foreach (string id in ids)
        {
            _logger.LogInformation("alert {Id}: buzzer silenced by {By}", id, by);
            _feed.Publish(new HubChange("alert", id, "silenced"));
        }

        ShowPanel();
        _forward.Notify();
        return ids;
    }

    /// <summary>Records an acknowledgement (see <see cref="AlertStore.Acknowledge"/>).</summary>
    public (AcknowledgeResult Result, AlertRecord? Alert) Acknowledge(string id, string by, string? note)
    {
        var outcome = _store.Acknowledge(id, by, note, _time.GetUtcNow());
        if (outcome.Result == AcknowledgeResult.Acknowledged)
        {
            _logger.LogInformation("alert {Id} acknowledged by {By}", id, by);
            _feed.Publish(new HubChange("alert", id, "acknowledged"));
            ShowPanel();
            _forward.Notify();
        }

        return outcome;
    }
}
