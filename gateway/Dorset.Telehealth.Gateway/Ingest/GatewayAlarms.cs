using System;
using System.Threading;
using Dorset.Telehealth.Gateway.Alerts;

namespace Dorset.Telehealth.Gateway.Ingest;

/// <summary>
/// The hub's alarm state that the alert LED, the buzzer and /health show: the disk alarm, and the clinical panel state
/// that <see cref="AlertAnnunciator"/> rebuilds from stored alerts after every change and at start.
/// </summary>
public sealed class GatewayAlarms
{
    private int _diskAlarm;
    private int _alertLed;
    private int _buzzer;

    /// <summary>Raised whenever any alarm state changes.</summary>
    public event Action? Changed;

    /// <summary>True while free disk space is below the threshold.</summary>
    public bool DiskAlarm => Volatile.Read(ref _diskAlarm) != 0;

    /// <summary>True while any red or red-urgent alert is unacknowledged.</summary>
    public bool RedAlertUnacknowledged => Volatile.Read(ref _alertLed) != 0;

    /// <summary>True while a current red alert is neither acknowledged nor silenced.</summary>
    public bool RedAlertSounding => Volatile.Read(ref _buzzer) != 0;

    /// <summary>Sets the disk alarm.</summary>
    public void SetDiskAlarm(bool on) => Set(ref _diskAlarm, on);

    /// <summary>Shows <paramref name="panel"/>.</summary>
    public void Show(PanelState panel)
    {
        Set(ref _alertLed, panel.AlertLedOn);
        Set(ref _buzzer, panel.BuzzerSounding);
    }

    private void Set(ref int field, bool on)
    {
        if (Interlocked.Exchange(ref field, on ? 1 : 0) != (on ? 1 : 0))
        {
            Changed?.Invoke();
        }
    }
}
