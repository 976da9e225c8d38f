using System;
using System.Collections.Generic;
using System.Globalization;
using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Clinical.Readings;
using Dorset.Telehealth.Clinical.Settings;

namespace Dorset.Telehealth.Clinical.Monitoring;

/// <summary>
/// A unit or device battery at or below the setting (default 20 %) is a notice, one episode for the unit and one per
/// device slot, so that batteries are changed before readings stop. An unknown level says nothing.
/// </summary>
public sealed class BatteryLowRule : IClockRule
{
    /// <inheritdoc/>
    public string Id => "battery-low";

    /// <inheritdoc/>
    public int Version => 1;

    /// <inheritdoc/>
    public IEnumerable<RuleOutcome> Evaluate(UnitSnapshot unit, PatientSettings settings, DateTimeOffset nowUtc)
    {
        RuleOutcome? own = Judge("unit", "home unit", unit.BatteryPercent, settings, nowUtc);
        if (own != null)
        {
            yield return own;
        }

        foreach (DeviceSnapshot device in unit.Devices)
        {
            RuleOutcome? outcome = Judge("slot-" + device.Slot.ToString(CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{device.Kind} (slot {device.Slot})"), device.BatteryPercent, settings, nowUtc);
            if (outcome != null)
            {
                yield return outcome;
            }
        }
    }

    private RuleOutcome? Judge(string episode, string what, int? percent, PatientSettings settings, DateTimeOffset nowUtc)
    {
        if (percent is not int level)
        {
            return null;
        }

        return level <= settings.BatteryLowAtOrBelow
            ? RuleOutcome.Breach(this, episode, AlertLevel.Info,
                string.Create(CultureInfo.InvariantCulture, $"{what} battery {level} % (at or below {settings.BatteryLowAtOrBelow} %): replace or charge"), nowUtc) with
            {
                Worst = new MeasuredValue("battery", level, "%"),
                WorseWhen = WorseDirection.Lower,
            }
            : RuleOutcome.Clear(this, episode, string.Create(CultureInfo.InvariantCulture, $"{what} battery {level} %"), nowUtc);
    }
}
