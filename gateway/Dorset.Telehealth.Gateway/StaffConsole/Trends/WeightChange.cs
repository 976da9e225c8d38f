using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Dorset.Telehealth.Clinical.Readings;
using Dorset.Telehealth.Clinical.Settings;

namespace Dorset.Telehealth.Gateway.StaffConsole.Trends;

/// <summary>
/// The newest weighing against the lowest earlier weighing in the <see cref="Days"/> UK calendar days before it (its own
/// date and the days before), the window of <c>HeartFailureWeightRule</c>: whenever weight went up, this change is the
/// gain that rule judges, so the page and the alert agree. Unlike the rule's gain, it can be negative: a fall shows
/// with its sign. Only weighings that may alert count (not another user on a shared scale, a clock fault, ...).
/// </summary>
/// <param name="NewestKg">The newest weighing.</param>
/// <param name="NewestTakenUtc">When it was taken.</param>
/// <param name="EarlierLowKg">The lowest earlier weighing in the window, or null when there is none.</param>
/// <param name="EarlierLowTakenUtc">When that was taken.</param>
/// <param name="Days">The window in calendar days (the patient's weightGainDays).</param>
/// <param name="LimitKg">The gain above which the rule alerts (the patient's weightGainKg).</param>
public sealed record WeightChange(decimal NewestKg, DateTimeOffset NewestTakenUtc, decimal? EarlierLowKg, DateTimeOffset? EarlierLowTakenUtc, int Days, decimal LimitKg)
{
    /// <summary>Newest minus the earlier low, or null without an earlier weighing.</summary>
    public decimal? ChangeKg => NewestKg - EarlierLowKg;

    /// <summary>True when the change is a gain the rule alerts on.</summary>
    public bool AboveLimit => ChangeKg > LimitKg;

    /// <summary>e.g. "+2.4 kg", "-0.6 kg", "0.0 kg".</summary>
    public string ChangeText => ChangeKg is decimal kg ? kg.ToString("+0.0##;-0.0##;0.0", CultureInfo.InvariantCulture) + " kg" : "no change to show";

    /// <summary>The change for the newest eligible weighing among <paramref name="readings"/>, or null when there is none.</summary>
    public static WeightChange? Of(IEnumerable<ClinicalReading> readings, PatientSettings settings)
    {
        var weighings = readings
            .Where(r => r.Kind == ReadingKinds.Weight && AlertEligibility.WhyNot(r) == null && r.Find(ReadingKinds.Weight, "kg") != null)
            .ToList();
        ClinicalReading? newest = weighings.MaxBy(r => r.TakenUtc);
        if (newest == null)
        {
            return null;
        }

        int days = settings.WeightGainDays;
        ClinicalReading? low = weighings
            .Where(r => r.Key != newest.Key && r.TakenUtc <= newest.TakenUtc && r.TakenLocalDate >= newest.TakenLocalDate.AddDays(-days))
            .MinBy(Kg);
        return new WeightChange(Kg(newest), newest.TakenUtc, low == null ? null : Kg(low), low?.TakenUtc, days, settings.WeightGainKg);
    }

    private static decimal Kg(ClinicalReading r) => r.Find(ReadingKinds.Weight, "kg")!.Value;
}
