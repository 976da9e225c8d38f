using System;
using System.Globalization;
using Dorset.Telehealth.Gateway.Alerts;
using Dorset.Telehealth.Gateway.Storage;

namespace Dorset.Telehealth.Gateway.StaffConsole;

/// <summary>
/// The words of the console Overview's "The hub's equipment", shared with `status`: someone on the Pi over SSH and a
/// nurse at the console read the same hub the same way.
/// </summary>
public static class EquipmentWords
{
    /// <summary>e.g. "3 online, 2 offline" (revoked units are not counted).</summary>
    public static string Units(int online, int offline) => $"{online} online, {offline} offline";

    /// <summary>e.g. "up, last batch Tue 1 Dec 09:15", "DOWN: HTTP 503" or "not configured (readings are kept here)".</summary>
    public static string CloudLink(bool configured, bool up, DateTimeOffset? lastSuccessUtc, string? lastError) =>
        !configured ? "not configured (readings are kept here)"
        : up ? "up" + (lastSuccessUtc is { } ok ? ", last batch " + UkTime.Show(ok) : "")
        : "DOWN" + (lastError is { } error ? ": " + error : "");

    /// <summary>e.g. "12 readings, the oldest 3 min ago", or "nothing".</summary>
    public static string Backlog(BacklogSummary backlog, DateTimeOffset nowUtc) =>
        backlog.Count == 0 || backlog.OldestReceivedUtc is not { } oldest
            ? "nothing"
            : $"{backlog.Count} readings, the oldest {UkTime.Ago(oldest, nowUtc)}";

    /// <summary>e.g. "12.3 GB", with the alarm when readings are refused.</summary>
    public static string FreeDisk(long freeBytes, bool alarm) =>
        (freeBytes / 1e9).ToString("0.0", CultureInfo.InvariantCulture) + " GB" + (alarm ? " (DISK ALARM: readings are refused)" : "");

    /// <summary>sounding, silenced or quiet, from what the front panel shows.</summary>
    public static string Buzzer(PanelState panel) =>
        panel.BuzzerSounding ? "sounding" : panel.AlertLedOn ? "silenced (a red alert is still unacknowledged)" : "quiet";
}
