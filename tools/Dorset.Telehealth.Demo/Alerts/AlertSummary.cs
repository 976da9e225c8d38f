using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Dorset.Telehealth.Demo.Alerts;

/// <summary>
/// A short table of the open alerts, one row per rule and level with how many are late, then the expected rules that
/// raised nothing, and a real id to acknowledge.
/// </summary>
public static class AlertSummary
{
    /// <summary>The table as text lines, indented for the banner.</summary>
    public static string Format(IReadOnlyList<HubAlert> alerts, IReadOnlyList<string> expectedRules, string consoleUrl)
    {
        List<HubAlert> open = alerts.Where(a => a.State == "open").ToList();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Open alerts at the hub: {open.Count} (console: {consoleUrl})");
        text.AppendLine(CultureInfo.InvariantCulture, $"  {"rule",-20} {"level",-11} {"open",5} {"late",5}");
        foreach (var group in open.GroupBy(a => (a.RuleId, a.Level)).OrderBy(g => g.Key.RuleId, StringComparer.Ordinal).ThenBy(g => g.Key.Level, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {group.Key.RuleId,-20} {group.Key.Level,-11} {group.Count(),5} {group.Count(a => a.Late),5}");
        }

        text.AppendLine("  (late: taken an hour or more before it reached the hub, so it lights the LED but does not sound the buzzer)");
        List<string> missing = expectedRules.Where(rule => alerts.All(a => a.RuleId != rule)).ToList();
        if (missing.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  Not raised yet: {string.Join(", ", missing)} (see gateway.log and fleet.log, or list again in a minute)");
        }

        if (open.FirstOrDefault(a => a.Level == "red-urgent" && !a.Late) is { } sounding)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  e.g. acknowledge {sounding.Id} ({sounding.RuleId}, {sounding.UnitId}): use it as ID above");
        }

        return text.ToString().TrimEnd();
    }
}
