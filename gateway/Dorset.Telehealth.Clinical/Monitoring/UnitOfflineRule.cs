using System;
using System.Collections.Generic;
using System.Globalization;
using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Clinical.Settings;

namespace Dorset.Telehealth.Clinical.Monitoring;

/// <summary>
/// A home unit with no MQTT session for longer than the setting (default 60 min) is a notice: its readings wait. A
/// breach is dated when the unit had been offline that long.
/// </summary>
public sealed class UnitOfflineRule : IClockRule
{
    /// <inheritdoc/>
    public string Id => "unit-offline";

    /// <inheritdoc/>
    public int Version => 1;

    /// <inheritdoc/>
    public IEnumerable<RuleOutcome> Evaluate(UnitSnapshot unit, PatientSettings settings, DateTimeOffset nowUtc)
    {
        double minutes = (nowUtc - unit.OfflineSinceUtc).TotalMinutes;
        if (unit.Online || minutes <= settings.UnitOfflineMinutes)
        {
            yield return RuleOutcome.Clear(this, "", unit.Online ? "unit online" : "unit offline briefly", nowUtc);
            yield break;
        }

        yield return RuleOutcome.Breach(this, "", AlertLevel.Info,
            $"home unit offline for {LateReading.Age((int)minutes)} (notice after {settings.UnitOfflineMinutes.ToString(CultureInfo.InvariantCulture)} min): its readings wait on the unit",
            unit.OfflineSinceUtc.AddMinutes(settings.UnitOfflineMinutes)) with
        {
            Worst = new Readings.MeasuredValue("minutes-offline", (int)minutes, "min"),
            WorseWhen = WorseDirection.Higher,
        };
    }
}
