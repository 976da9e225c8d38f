using System.Collections.Generic;
using System.Globalization;
using Dorset.Telehealth.Clinical.Alerts;
using Dorset.Telehealth.Clinical.Settings;

namespace Dorset.Telehealth.Clinical.Monitoring;

/// <summary>
/// Stale data: an expected device with no reading for longer than its schedule (default 36 h) is a notice, because a
/// silent scale looks exactly like a patient who is well. One episode per device slot; a breach is dated when the
/// device became stale (its last reading plus the schedule), not when the rule happened to run.
/// </summary>
public sealed class StaleDeviceRule : IClockRule
{
    /// <inheritdoc/>
    public string Id => "stale-device";

    /// <inheritdoc/>
    public int Version => 1;

    /// <inheritdoc/>
    public IEnumerable<RuleOutcome> Evaluate(UnitSnapshot unit, PatientSettings settings, System.DateTimeOffset nowUtc)
    {
        foreach (DeviceSnapshot device in unit.Devices)
        {
            string episode = "slot-" + device.Slot.ToString(CultureInfo.InvariantCulture);
            if (settings.ExpectedDeviceKinds != null && !Contains(settings.ExpectedDeviceKinds, device.Kind))
            {
                yield return RuleOutcome.Clear(this, episode, $"{device.Kind} (slot {device.Slot}) is not expected", nowUtc);
                continue;
            }

            int schedule = settings.ScheduleHoursFor(device.Kind);
            var since = device.LastReadingUtc ?? device.ExpectedSinceUtc;
            double hours = (nowUtc - since).TotalHours;
            string what = device.LastReadingUtc == null ? "no reading yet" : "no reading";
            yield return hours > schedule
                ? RuleOutcome.Breach(this, episode, AlertLevel.Info,
                    string.Create(CultureInfo.InvariantCulture, $"{device.Kind} (slot {device.Slot}): {what} for {(int)hours} h (expected every {schedule} h)"),
                    since.AddHours(schedule)) with
                {
                    Worst = new Readings.MeasuredValue("hours-silent", (int)hours, "h"),
                    WorseWhen = WorseDirection.Higher,
                }
                : RuleOutcome.Clear(this, episode, $"{device.Kind} (slot {device.Slot}) within its schedule", nowUtc);
        }
    }

    private static bool Contains(IReadOnlyList<string> kinds, string kind)
    {
        foreach (string k in kinds)
        {
            if (k == kind)
            {
                return true;
            }
        }

        return false;
    }
}
