using System;

namespace Dorset.Telehealth.Clinical.Alerts;

/// <summary>How soon someone must act on an alert, lowest first so that levels compare by urgency.</summary>
public enum AlertLevel
{
    /// <summary>A notice: stale data, a unit offline, a low battery, a glucose above its meal target.</summary>
    Info = 0,

    /// <summary>Contact the team (e.g. SpO2 93-94 %, weight up more than 2 kg in 3 days).</summary>
    Amber = 1,

    /// <summary>Act today: sounds the hub buzzer (e.g. glucose below 4.0 mmol/L, partial NEWS2 urgent).</summary>
    Red = 2,

    /// <summary>Act now: sounds the hub buzzer (e.g. SpO2 at or below 92 %, glucose below 3.0 mmol/L).</summary>
    RedUrgent = 3,
}

/// <summary>The levels' names in every contract (CLI, API, cloud): info, amber, red, red-urgent.</summary>
public static class AlertLevels
{
    private static readonly string[] s_names = { "info", "amber", "red", "red-urgent" };

    /// <summary>The contract name of <paramref name="level"/>.</summary>
    public static string Name(AlertLevel level) => s_names[(int)level];

    /// <summary>Parses a contract name; false for anything else.</summary>
    public static bool TryParse(string? name, out AlertLevel level)
    {
        int index = Array.IndexOf(s_names, name);
        level = index < 0 ? AlertLevel.Info : (AlertLevel)index;
        return index >= 0;
    }

    /// <summary>True for the levels that sound the buzzer and light the alert LED.</summary>
    public static bool SoundsBuzzer(AlertLevel level) => level >= AlertLevel.Red;
}
