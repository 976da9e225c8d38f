using System;
using System.Threading;

namespace Dorset.Telehealth.Gateway.Ingest;

/// <summary>
/// The hub's alarm state that the alert LED, the buzzer and /health show: the disk alarm and the newest red clinical
/// alert. A red alert stays "sounding" until the button (or the console) silences it.
/// </summary>
public sealed class GatewayAlarms
{
    private int _diskAlarm;
    private int _redAlertSounding;
    private long _redAlerts;

    /// <summary>Raised on a new red alert (unit id, rule that fired).</summary>
    public event Action<string, string>? RedAlertRaised;

    /// <summary>Raised whenever any alarm state changes.</summary>
    public event Action? Changed;

    /// <summary>True while free disk space is below the threshold.</summary>
    public bool DiskAlarm => Volatile.Read(ref _diskAlarm) != 0;

    /// <summary>True from a new red alert until silenced.</summary>
    public bool RedAlertSounding => Volatile.Read(ref _redAlertSounding) != 0;

    /// <summary>Red alerts raised since start.</summary>
    public long RedAlerts => Interlocked.Read(ref _redAlerts);

    /// <summary>The last red alert, e.g. "unit-7: SpO2 &lt;= 92 %".</summary>
    public string? LastRedAlert { get; private set; }

    /// <summary>Sets the disk alarm.</summary>
    public void SetDiskAlarm(bool on)
    {
        if (Interlocked.Exchange(ref _diskAlarm, on ? 1 : 0) != (on ? 1 : 0))
        {
            Changed?.Invoke();
        }
    }

    /// <summary>A reading crossed a red threshold.</summary>
    public void RaiseRedAlert(string unitId, string rule)
    {
        Interlocked.Increment(ref _redAlerts);
        LastRedAlert = unitId + ": " + rule;
        Volatile.Write(ref _redAlertSounding, 1);
        RedAlertRaised?.Invoke(unitId, rule);
        Changed?.Invoke();
    }

    /// <summary>The button was pressed: stop the buzzer (the alert itself stays for the console).</summary>
    public void Silence()
    {
        if (Interlocked.Exchange(ref _redAlertSounding, 0) != 0)
        {
            Changed?.Invoke();
        }
    }
}
