using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Clinical.Readings;
using Dorset.Telehealth.Gateway.Alerts;

namespace Dorset.Telehealth.Gateway.StaffConsole.Trends;

/// <summary>
/// Which values of which readings an alert cites, by reading row and value name: an SpO2 alert marks the oximetry
/// reading's SpO2, not its pulse. A partial NEWS2 marks only the parameters that scored, the ones that raised it.
/// Alerts of every state count: a resolved hypo is still where the trend dipped.
/// </summary>
public sealed class AlertMarks
{
    private readonly Dictionary<(string Reading, string Value), List<AlertRecord>> _cited = new();

    /// <summary>The marks of <paramref name="alerts"/>.</summary>
    public AlertMarks(IEnumerable<AlertRecord> alerts)
    {
        foreach (AlertRecord alert in alerts)
        {
            // A partial NEWS2 cites every parameter it used; one that scored 0 did not raise it.
            var scoredNothing = (alert.Score?.Parameters ?? []).Where(p => p.ReadingId.HasValue && p.Score == 0).Select(p => (p.ReadingId!.Value, p.Name)).ToHashSet();
            var cited = alert.Evidence.Select(e => (e.ReadingId, e.Name)).Where(c => !scoredNothing.Contains(c));
            foreach (var (reading, value) in cited.Distinct())
            {
                var key = (reading.ToString(CultureInfo.InvariantCulture), value);
                if (!_cited.TryGetValue(key, out var list))
                {
                    _cited[key] = list = new List<AlertRecord>();
                }

                list.Add(alert);
            }
        }
    }

    /// <summary>The highest level of the alerts citing value <paramref name="valueName"/> of <paramref name="reading"/>, or null.</summary>
    public string? Level(ClinicalReading reading, string valueName)
    {
        AlertLevel? highest = null;
        foreach (AlertRecord alert in Cited(reading, valueName))
        {
            if (AlertLevels.TryParse(alert.Level, out AlertLevel level) && (highest == null || level > highest))
            {
                highest = level;
            }
        }

        return highest is AlertLevel found ? AlertLevels.Name(found) : null;
    }

    /// <summary>e.g. "red-urgent (glucose-low)"; null when no alert cites the value.</summary>
    public string? Describe(ClinicalReading reading, string valueName) =>
        _cited.TryGetValue((reading.Key, valueName), out var alerts) ? string.Join("; ", alerts.Select(a => $"{a.Level} ({a.RuleId})").Distinct()) : null;

    private IEnumerable<AlertRecord> Cited(ClinicalReading reading, string valueName) =>
        _cited.TryGetValue((reading.Key, valueName), out var list) ? list : Enumerable.Empty<AlertRecord>();
}
